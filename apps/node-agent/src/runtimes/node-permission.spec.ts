import { parseNodeVersion, permissionFlags } from './node-permission';

describe('permissionFlags', () => {
  it('uses --experimental-permission on Node 20 (and silences its warning)', () => {
    expect(permissionFlags(parseNodeVersion('v20.20.2'), ['/a.js', '/run'], ['/run'])).toEqual([
      '--experimental-permission',
      '--disable-warning=ExperimentalWarning',
      '--allow-fs-read=/a.js',
      '--allow-fs-read=/run',
      '--allow-fs-write=/run',
    ]);
  });

  it('uses --permission from 22.13 and 23.5 on', () => {
    expect(permissionFlags(parseNodeVersion('v22.12.0'), [], [])[0]).toBe(
      '--experimental-permission',
    );
    expect(permissionFlags(parseNodeVersion('v22.13.0'), [], [])).toEqual(['--permission']);
    expect(permissionFlags(parseNodeVersion('v23.4.0'), [], [])[0]).toBe(
      '--experimental-permission',
    );
    expect(permissionFlags(parseNodeVersion('v24.0.0'), [], [])).toEqual(['--permission']);
  });

  it('refuses a node without a usable permission model', () => {
    expect(() => permissionFlags(parseNodeVersion('v18.19.0'), [], [])).toThrow(
      /needs Node >= 20.11/,
    );
    expect(() => parseNodeVersion('nonsense')).toThrow(/cannot read a node version/);
  });
});
