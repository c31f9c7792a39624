import { safeNextPath, validateLogin } from './login.validation';
import { permissionChecker } from './permissions';

describe('validateLogin', () => {
  it('asks for both fields', () => {
    expect(validateLogin({ username: ' ', password: '' })).toEqual({
      ok: false,
      errors: { username: 'Enter your username.', password: 'Enter your password.' },
    });
    expect(validateLogin({ username: ' root ', password: 'x' })).toEqual({
      ok: true,
      value: { username: 'root', password: 'x' },
    });
  });
});

describe('safeNextPath', () => {
  it('only returns to paths of this site', () => {
    expect(safeNextPath('/tasks/3')).toBe('/tasks/3');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('/login')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

describe('permissionChecker', () => {
  it('treats a wider scope as granting the narrower ones', () => {
    const can = permissionChecker({
      rules: [
        { resource: 'user', operation: 'view', scope: 'collaboration' },
        { resource: 'node', operation: 'create', scope: 'organization' },
      ],
    });
    expect(can('user', 'view')).toBe(true);
    expect(can('user', 'view', 'organization')).toBe(true);
    expect(can('user', 'view', 'global')).toBe(false);
    expect(can('node', 'create', 'collaboration')).toBe(false);
    expect(can('role', 'view')).toBe(false);
    expect(permissionChecker(undefined)('user', 'view')).toBe(false);
  });
});
