// Regenerates the known-answer fixtures in test/fixtures. Run ONCE (after `pnpm build`):
//   node scripts/generate-kat.mjs
// The fixtures are checked in; regenerating them defeats their purpose (they pin the format).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import crypto from '../dist/index.js';

const dir = join(
  import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '..',
  'test',
  'fixtures',
);
const PLAINTEXT = 'Federa known-answer test: the computation travels, the data stays. ✓ Zürich\n';

const a = await crypto.generateKeyPair({ modulusLength: 3072 });
const b = await crypto.generateKeyPair({ modulusLength: 4096 });
const envelope = await crypto.encrypt(PLAINTEXT, [
  a.publicKey,
  { keyId: 'org-2', key: b.publicKey },
]);

writeFileSync(join(dir, 'kat-a-private.pem'), await crypto.exportPrivateKeyPem(a.privateKey));
writeFileSync(join(dir, 'kat-a-public.pem'), await crypto.exportPublicKeyPem(a.publicKey));
writeFileSync(join(dir, 'kat-b-private.pem'), await crypto.exportPrivateKeyPem(b.privateKey));
writeFileSync(join(dir, 'kat-b-public.pem'), await crypto.exportPublicKeyPem(b.publicKey));
writeFileSync(join(dir, 'kat-envelope.txt'), envelope + '\n');
console.log('key id a:', await crypto.keyId(a.publicKey));
console.log('envelope length:', envelope.length);
