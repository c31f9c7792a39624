import {
  decrypt,
  decryptText,
  encrypt,
  importPrivateKeyPem,
  importPublicKeyPem,
  keyId,
  type CryptoErrorCode,
  type WebCryptoKey,
} from '../src';
import {
  b64u,
  decodeHeader,
  encodeHeader,
  expectCode,
  fixture,
  flipByte,
  join5,
  segments,
  withHeader,
} from './helpers';

jest.setTimeout(60_000);

let aPub: WebCryptoKey;
let aPriv: WebCryptoKey;
let aLocked: WebCryptoKey;
let bPub: WebCryptoKey;
let bPriv: WebCryptoKey;
let kidA: string;
let kidB: string;
let env: string;
const TEXT = 'tamper target: site totals n=1234, mean=56.7';

beforeAll(async () => {
  aPub = await importPublicKeyPem(fixture('kat-a-public.pem'));
  aPriv = await importPrivateKeyPem(fixture('kat-a-private.pem'));
  aLocked = await importPrivateKeyPem(fixture('kat-a-private.pem'), { extractable: false });
  bPub = await importPublicKeyPem(fixture('kat-b-public.pem'));
  bPriv = await importPrivateKeyPem(fixture('kat-b-private.pem'));
  kidA = await keyId(aPub);
  kidB = await keyId(bPub);
  env = await encrypt(TEXT, [aPub, bPub]);
});

function replaceSegment(index: 1 | 2 | 3 | 4, value: string): string {
  const parts = segments(env);
  parts[index] = value;
  return join5(parts);
}

it('sanity: the untampered envelope opens for both recipients', async () => {
  expect(await decryptText(env, aPriv)).toBe(TEXT);
  expect(await decryptText(env, bPriv)).toBe(TEXT);
});

describe('ciphertext', () => {
  it.each([0, 7, -1])('a flipped bit in ciphertext byte %i is TAMPERED', async (i) => {
    const t = replaceSegment(3, flipByte(segments(env)[3], i));
    await expectCode(decrypt(t, aPriv), 'TAMPERED');
    await expectCode(decrypt(t, bPriv, kidB), 'TAMPERED');
  });

  it('truncated or extended ciphertext is TAMPERED', async () => {
    const ct = b64u.decode(segments(env)[3]);
    await expectCode(
      decrypt(replaceSegment(3, b64u.encode(ct.subarray(0, ct.length - 1))), aPriv),
      'TAMPERED',
    );
    await expectCode(
      decrypt(replaceSegment(3, b64u.encode(Buffer.concat([ct, Buffer.from([0])]))), aPriv),
      'TAMPERED',
    );
  });
});

describe('tag and nonce', () => {
  it.each([0, 15])('a flipped bit in tag byte %i is TAMPERED', async (i) => {
    await expectCode(decrypt(replaceSegment(4, flipByte(segments(env)[4], i)), aPriv), 'TAMPERED');
  });

  it('a flipped bit in the nonce is TAMPERED', async () => {
    await expectCode(decrypt(replaceSegment(2, flipByte(segments(env)[2], 0)), aPriv), 'TAMPERED');
  });

  it("another envelope's tag or nonce does not fit", async () => {
    const other = segments(await encrypt(TEXT, [aPub, bPub]));
    await expectCode(decrypt(replaceSegment(4, other[4]), aPriv), 'TAMPERED');
    await expectCode(decrypt(replaceSegment(2, other[2]), aPriv), 'TAMPERED');
  });
});

describe('header (authenticated as GCM additional data)', () => {
  it("changing another recipient's key id is TAMPERED", async () => {
    const t = withHeader(env, (h) => ({
      ...h,
      rcp: [h.rcp[0], { ...h.rcp[1]!, kid: 'someone-else' }],
    }));
    await expectCode(decrypt(t, aPriv), 'TAMPERED');
  });

  it('removing a recipient is TAMPERED', async () => {
    await expectCode(
      decrypt(
        withHeader(env, (h) => ({ ...h, rcp: [h.rcp[0]] })),
        aPriv,
      ),
      'TAMPERED',
    );
    await expectCode(
      decrypt(
        withHeader(env, (h) => ({ ...h, rcp: [h.rcp[1]] })),
        bPriv,
      ),
      'TAMPERED',
    );
  });

  it('reordering recipients is TAMPERED', async () => {
    const t = withHeader(env, (h) => ({ ...h, rcp: [h.rcp[1], h.rcp[0]] }));
    await expectCode(decrypt(t, aPriv), 'TAMPERED');
  });

  it('adding a recipient (even with a correctly wrapped key) is TAMPERED', async () => {
    // The attacker cannot learn the content key, so the added slot wraps a key of its own choice.
    const fake = decodeHeader(
      segments(await encrypt('other', [{ keyId: 'intruder', key: bPub }]))[1],
    ).rcp[0]!;
    const t = withHeader(env, (h) => ({ ...h, rcp: [...h.rcp, fake] }));
    await expectCode(decrypt(t, aPriv), 'TAMPERED');
  });

  it('grafting the header of another envelope onto this body is TAMPERED', async () => {
    const other = segments(await encrypt(TEXT, [aPub, bPub]));
    await expectCode(decrypt(replaceSegment(1, other[1]), aPriv), 'TAMPERED');
    // ... and the header fits its own body
    expect(await decryptText(join5(other), aPriv)).toBe(TEXT);
  });

  it('a v1 body under another version prefix is refused before decryption', async () => {
    // The only other accepted prefix is an unsupported version, which is refused before decryption.
    await expectCode(decrypt(env.replace(/^fed1\./, 'fed2.'), aPriv), 'UNSUPPORTED_VERSION');
  });
});

describe('wrapped keys', () => {
  it("a modified wrapped key in the recipient's own slot is TAMPERED", async () => {
    const t = withHeader(env, (h) => ({
      ...h,
      rcp: [{ ...h.rcp[0]!, ek: flipByte(h.rcp[0]!.ek, 100) }, h.rcp[1]],
    }));
    await expectCode(decrypt(t, aPriv), 'TAMPERED'); // slot found via derived key id
    await expectCode(decrypt(t, aPriv, kidA), 'TAMPERED'); // slot named explicitly
    // b's slot is intact but the header (which covers a's wrapped key) no longer authenticates
    await expectCode(decrypt(t, bPriv), 'TAMPERED');
  });

  it("a modified wrapped key in another recipient's slot is TAMPERED", async () => {
    const t = withHeader(env, (h) => ({
      ...h,
      rcp: [h.rcp[0], { ...h.rcp[1]!, ek: flipByte(h.rcp[1]!.ek, -1) }],
    }));
    await expectCode(decrypt(t, aPriv), 'TAMPERED');
    await expectCode(decrypt(t, bPriv, kidB), 'TAMPERED');
  });

  it('swapping in a wrapped key from another envelope is TAMPERED', async () => {
    const other = decodeHeader(segments(await encrypt(TEXT, [aPub, bPub]))[1]);
    const t = withHeader(env, (h) => ({ ...h, rcp: [other.rcp[0], h.rcp[1]] }));
    await expectCode(decrypt(t, aPriv), 'TAMPERED');
  });

  it('a non-extractable key cannot locate a damaged own slot: NOT_A_RECIPIENT (documented)', async () => {
    const t = withHeader(env, (h) => ({
      ...h,
      rcp: [{ ...h.rcp[0]!, ek: flipByte(h.rcp[0]!.ek, 5) }, h.rcp[1]],
    }));
    await expectCode(decrypt(t, aLocked), 'NOT_A_RECIPIENT');
    await expectCode(decrypt(t, aLocked, kidA), 'TAMPERED');
  });
});

describe('exhaustive single-character substitution', () => {
  it('no one-character change anywhere in the envelope decrypts', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const seen = new Set<CryptoErrorCode>();
    // every position in the short segments, every 3rd position of the long header
    const headerEnd = env.indexOf('.', 5);
    for (let i = 0; i < env.length; i += i < headerEnd ? 3 : 1) {
      const c = env[i]!;
      const replacement = c === '.' ? 'A' : alphabet[(alphabet.indexOf(c) + 1) % 64]!;
      const t = env.slice(0, i) + replacement + env.slice(i + 1);
      const result = await decrypt(t, aPriv, kidA).then(
        () => 'DECRYPTED' as const,
        (e: { code: CryptoErrorCode }) => e.code,
      );
      expect([i, result]).not.toEqual([i, 'DECRYPTED']);
      seen.add(result as CryptoErrorCode);
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['MALFORMED', 'TAMPERED']));
    for (const code of seen)
      expect(['MALFORMED', 'TAMPERED', 'NOT_A_RECIPIENT', 'UNSUPPORTED_VERSION']).toContain(code);
  });
});

it('re-encoding the header with an edit but identical content still authenticates (sanity of helpers)', async () => {
  const same = withHeader(env, (h) => h);
  expect(same).toBe(env);
  expect(encodeHeader(decodeHeader(segments(env)[1]))).toBe(segments(env)[1]);
});
