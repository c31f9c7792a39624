import {
  validateCollaborationForm,
  validateNodeForm,
  validateOrganizationForm,
  validateUserForm,
} from './admin.validation';

const user = {
  username: 'alice',
  password: 'Secret!pass1',
  passwordAgain: 'Secret!pass1',
  email: '',
  firstname: 'Alice',
  lastname: '',
  organizationId: '2',
  roles: [4],
};

describe('validateUserForm', () => {
  it('builds the POST /user body, without empty optional fields', () => {
    expect(validateUserForm(user)).toEqual({
      ok: true,
      value: {
        username: 'alice',
        password: 'Secret!pass1',
        firstname: 'Alice',
        organization_id: 2,
        roles: [4],
        rules: [],
      },
    });
  });

  it('applies the password policy and the username rules of the contract', () => {
    const weak = validateUserForm({ ...user, password: 'short', passwordAgain: 'short' });
    expect(!weak.ok && weak.errors.password).toBeDefined();
    const noSymbol = validateUserForm({ ...user, password: 'Secretpass1', passwordAgain: 'Secretpass1' });
    expect(!noSymbol.ok && noSymbol.errors.password).toMatch(/too weak: it needs .*a symbol/);
    const digits = validateUserForm({ ...user, username: '12345' });
    expect(!digits.ok && digits.errors.username).toMatch(/only digits/);
    const spaces = validateUserForm({ ...user, username: 'a b c' });
    expect(!spaces.ok && spaces.errors.username).toBeDefined();
  });

  it('catches differing passwords and a bad email', () => {
    const result = validateUserForm({ ...user, passwordAgain: 'Secret!pass2', email: 'nope' });
    expect(!result.ok && result.errors).toMatchObject({
      passwordAgain: 'The passwords differ.',
      email: expect.any(String),
    });
  });
});

describe('other admin forms', () => {
  it('organization: needs a name', () => {
    expect(validateOrganizationForm({ name: ' ', domain: '', address: '', country: '' }).ok).toBe(false);
    expect(validateOrganizationForm({ name: 'Clinic', domain: '', address: '', country: 'NL' })).toEqual({
      ok: true,
      value: { name: 'Clinic', country: 'NL' },
    });
  });

  it('collaboration: needs a name and a member', () => {
    const empty = validateCollaborationForm({ name: '', encrypted: false, organizationIds: [] });
    expect(!empty.ok && Object.keys(empty.errors).sort()).toEqual(['name', 'organization_ids']);
    expect(validateCollaborationForm({ name: 'Study', encrypted: true, organizationIds: [1] }).ok).toBe(true);
  });

  it('node: needs a collaboration; the name is optional', () => {
    const none = validateNodeForm({ collaborationId: '', organizationId: '', name: '' });
    expect(!none.ok && none.errors.collaboration_id).toBe('Choose a collaboration.');
    expect(validateNodeForm({ collaborationId: '1', organizationId: '2', name: '' })).toEqual({
      ok: true,
      value: { collaboration_id: 1, organization_id: 2 },
    });
  });
});
