import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '..', 'src');
const files = readdirSync(SRC).filter((f) => f.endsWith('.ts'));

describe('browser portability of src/', () => {
  it('has source files to check', () => {
    expect(files).toEqual(
      expect.arrayContaining(['index.ts', 'envelope.ts', 'format.ts', 'keys.ts']),
    );
  });

  it.each(files)('%s uses no Node-only modules or globals', (file) => {
    const code = readFileSync(join(SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/from\s+['"](node:|crypto['"]|buffer['"]|fs['"]|util['"])/);
    expect(code).not.toMatch(/require\(/);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/\bprocess\./);
    const imports = [...code.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec).toMatch(/^\.\//); // only relative imports, no dependencies
  });

  it('works with Buffer removed from the global scope', async () => {
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    g.Buffer = undefined;
    try {
      let mod: typeof import('../src') | undefined;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        mod = require('../src') as typeof import('../src');
      });
      const { readFileSync: read } = jest.requireActual<typeof import('node:fs')>('node:fs');
      const pem = read(join(__dirname, 'fixtures', 'kat-a-private.pem'), 'utf8');
      const priv = await mod!.importPrivateKeyPem(pem);
      const pub = await mod!.publicKeyFromPrivateKey(priv);
      const env = await mod!.encrypt('no Buffer here', [pub]);
      expect(mod!.isEnvelope(env)).toBe(true);
      expect(await mod!.decryptText(env, priv)).toBe('no Buffer here');
      expect(await mod!.exportPublicKeyPem(pub)).toContain('BEGIN PUBLIC KEY');
    } finally {
      g.Buffer = saved;
    }
  });
});
