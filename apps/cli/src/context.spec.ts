import { normalizeServer } from './context';

describe('normalizeServer', () => {
  it('keeps the origin without a trailing slash or /api', () => {
    expect(normalizeServer('http://localhost:7601/')).toBe('http://localhost:7601');
    expect(normalizeServer('https://x.org/federa/api/')).toBe('https://x.org/federa');
    expect(() => normalizeServer('localhost:7601')).toThrow();
  });
});
