/**
 * Known-answer tests. The fixtures in test/fixtures were generated ONCE by scripts/generate-kat.mjs
 * and are checked in: if a change to the library breaks these tests, it broke the envelope format
 * (and every ciphertext already stored by a Federa server). Do not regenerate them; introduce a new
 * envelope version instead (see README.md, "Versioning").
 *
 * The second half re-implements the README specification with node:crypto only (independent of
 * WebCrypto and of this package's code) and checks both directions.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  privateDecrypt,
  publicEncrypt,
  constants,
  randomBytes,
} from 'node:crypto';
import {
  decrypt,
  decryptText,
  encrypt,
  importPrivateKeyPem,
  importPublicKeyPem,
  inspectEnvelope,
  keyId,
  publicKeyFromPrivateKey,
  type WebCryptoKey,
} from '../src';
import { b64u, decodeHeader, expectCode, fixture, segments } from './helpers';

const KAT_PLAINTEXT =
  'Federa known-answer test: the computation travels, the data stays. ✓ Zürich\n';
const KID_A = 'XWc0EYyRgFwL8MEahityMr4VGRuooyG2KtzNbilTJsM';
const KID_B = 'org-2';
const ENVELOPE = fixture('kat-envelope.txt').trim();
const SHA256_OF_ENVELOPE = 'a8470047ce7692211bcb439e65dba73967dd3cb9f770f4a5806187747a2aaace';

let aPriv: WebCryptoKey;
let bPriv: WebCryptoKey;

beforeAll(async () => {
  aPriv = await importPrivateKeyPem(fixture('kat-a-private.pem'));
  bPriv = await importPrivateKeyPem(fixture('kat-b-private.pem'));
});

describe('fixed envelope', () => {
  it('is the checked-in envelope (fixture not silently regenerated)', () => {
    expect(createHash('sha256').update(ENVELOPE).digest('hex')).toBe(SHA256_OF_ENVELOPE);
  });

  it('fixture key A has the pinned key id', async () => {
    expect(await keyId(await importPublicKeyPem(fixture('kat-a-public.pem')))).toBe(KID_A);
    expect(await keyId(await publicKeyFromPrivateKey(aPriv))).toBe(KID_A);
  });

  it('recipient A (3072-bit, derived key id) decrypts to the fixed plaintext', async () => {
    expect(await decryptText(ENVELOPE, aPriv)).toBe(KAT_PLAINTEXT);
    expect(await decryptText(ENVELOPE, aPriv, KID_A)).toBe(KAT_PLAINTEXT);
  });

  it('recipient B (4096-bit, explicit key id "org-2") decrypts to the fixed plaintext', async () => {
    expect(await decryptText(ENVELOPE, bPriv, KID_B)).toBe(KAT_PLAINTEXT);
    expect(await decryptText(ENVELOPE, bPriv)).toBe(KAT_PLAINTEXT);
    const bytes = await decrypt(ENVELOPE, bPriv);
    expect(Buffer.from(bytes).equals(Buffer.from(KAT_PLAINTEXT, 'utf8'))).toBe(true);
  });

  it('has the documented layout', () => {
    const [prefix, header, iv, ct, tag] = segments(ENVELOPE);
    expect(prefix).toBe('fed1');
    expect(b64u.decode(iv).length).toBe(12);
    expect(b64u.decode(ct).length).toBe(Buffer.byteLength(KAT_PLAINTEXT, 'utf8'));
    expect(b64u.decode(tag).length).toBe(16);
    const h = decodeHeader(header);
    expect(Object.keys(h)).toEqual(['alg', 'enc', 'rcp']);
    expect(h.alg).toBe('RSA-OAEP-256');
    expect(h.enc).toBe('A256GCM');
    expect(h.rcp.map((r) => Object.keys(r))).toEqual([
      ['kid', 'ek'],
      ['kid', 'ek'],
    ]);
    expect(h.rcp.map((r) => r.kid)).toEqual([KID_A, KID_B]);
    expect(h.rcp.map((r) => b64u.decode(r.ek).length)).toEqual([384, 512]);
    expect(b64u.decode(header).toString('utf8')).toBe(JSON.stringify(h)); // canonical, no whitespace
    expect(inspectEnvelope(ENVELOPE)).toEqual({
      version: 1,
      algorithm: 'RSA-OAEP-256',
      encryption: 'A256GCM',
      recipients: [KID_A, KID_B],
      plaintextLength: Buffer.byteLength(KAT_PLAINTEXT, 'utf8'),
    });
  });

  it('a key that is not in the fixed envelope is NOT_A_RECIPIENT', async () => {
    const { generateKeyPair } = await import('../src');
    const stranger = await generateKeyPair();
    await expectCode(decrypt(ENVELOPE, stranger.privateKey), 'NOT_A_RECIPIENT');
  }, 30_000);
});

/** The README algorithm, written against node:crypto only. */
function referenceDecrypt(envelope: string, privatePem: string, kid: string): string {
  const [prefix, header, iv, ct, tag] = envelope.split('.') as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (prefix !== 'fed1') throw new Error('version');
  const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
    rcp: { kid: string; ek: string }[];
  };
  const slot = h.rcp.find((r) => r.kid === kid);
  if (!slot) throw new Error('not a recipient');
  const cek = privateDecrypt(
    {
      key: createPrivateKey(privatePem),
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
    },
    Buffer.from(slot.ek, 'base64url'),
  );
  const decipher = createDecipheriv('aes-256-gcm', cek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`fed1.${header}`, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}

function referenceEncrypt(
  plaintext: string,
  recipients: { kid: string; publicPem: string }[],
): string {
  const cek = randomBytes(32);
  const rcp = recipients.map((r) => ({
    kid: r.kid,
    ek: publicEncrypt(
      {
        key: createPublicKey(r.publicPem),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      cek,
    ).toString('base64url'),
  }));
  const header = Buffer.from(
    JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', rcp }),
    'utf8',
  ).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(`fed1.${header}`, 'ascii'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'fed1',
    header,
    iv.toString('base64url'),
    ct.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

describe('independent reference implementation of the README spec (node:crypto)', () => {
  it('decrypts the fixed envelope', () => {
    expect(referenceDecrypt(ENVELOPE, fixture('kat-a-private.pem'), KID_A)).toBe(KAT_PLAINTEXT);
    expect(referenceDecrypt(ENVELOPE, fixture('kat-b-private.pem'), KID_B)).toBe(KAT_PLAINTEXT);
  });

  it('the additional data is exactly "fed1.<header>" (without the prefix GCM fails)', () => {
    const [, header, iv, ct, tag] = segments(ENVELOPE);
    const slot = decodeHeader(header).rcp[0]!;
    const cek = privateDecrypt(
      {
        key: createPrivateKey(fixture('kat-a-private.pem')),
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      Buffer.from(slot.ek, 'base64url'),
    );
    const d = createDecipheriv('aes-256-gcm', cek, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(header, 'ascii'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    d.update(Buffer.from(ct, 'base64url'));
    expect(() => d.final()).toThrow();
  });

  it('decrypts what this package encrypts', async () => {
    const aPub = await importPublicKeyPem(fixture('kat-a-public.pem'));
    const env = await encrypt('made by @federa/crypto', [
      aPub,
      { keyId: 'second', key: await importPublicKeyPem(fixture('kat-b-public.pem')) },
    ]);
    expect(referenceDecrypt(env, fixture('kat-a-private.pem'), KID_A)).toBe(
      'made by @federa/crypto',
    );
    expect(referenceDecrypt(env, fixture('kat-b-private.pem'), 'second')).toBe(
      'made by @federa/crypto',
    );
  });

  it('this package decrypts what the reference encrypts', async () => {
    const env = referenceEncrypt('made by the reference', [
      { kid: KID_A, publicPem: fixture('kat-a-public.pem') },
      { kid: KID_B, publicPem: fixture('kat-b-public.pem') },
    ]);
    expect(await decryptText(env, aPriv)).toBe('made by the reference');
    expect(await decryptText(env, bPriv, KID_B)).toBe('made by the reference');
  });
});
