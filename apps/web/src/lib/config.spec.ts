import { readConfig } from './config';
import { contentSecurityPolicy } from './csp';

describe('readConfig', () => {
  it('reads NEXT_PUBLIC_API_URL, with a default and a check', () => {
    expect(readConfig({})).toEqual({ apiUrl: 'http://localhost:7601' });
    expect(readConfig({ NEXT_PUBLIC_API_URL: 'https://federa.example.org/' })).toEqual({
      apiUrl: 'https://federa.example.org',
    });
    expect(() => readConfig({ NEXT_PUBLIC_API_URL: 'ftp://x' })).toThrow(/http/);
    expect(() => readConfig({ NEXT_PUBLIC_API_URL: 'nope' })).toThrow(/absolute/);
  });
});

describe('contentSecurityPolicy', () => {
  it('lets the page connect to itself and the API only', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc', apiUrl: 'https://api.example.org', dev: false });
    expect(policy).toContain("connect-src 'self' https://api.example.org wss://api.example.org;");
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(policy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ nonce: 'n', apiUrl: 'http://localhost:7601', dev: true })).toContain(
      "ws://localhost:7601; object-src",
    );
  });
});
