import {
  CryptoError,
  decrypt,
  decryptText,
  encrypt,
  generateKeyPair,
  importPrivateKeyPem,
  inspectEnvelope,
  isCryptoError,
  isEnvelope,
  keyId,
  type KeyPair,
} from '../src';
import { b64u, decodeHeader, expectCode, fixture, segments } from './helpers';

jest.setTimeout(60_000);

let alice: KeyPair;
let bob: KeyPair;
let carol: KeyPair;
let mallory: KeyPair;

beforeAll(async () => {
  [alice, bob, carol, mallory] = await Promise.all([
    generateKeyPair(),
    generateKeyPair(),
    generateKeyPair(),
    generateKeyPair(),
  ]);
});

describe('round trip', () => {
  it('one recipient, text', async () => {
    const env = await encrypt('{"method":"average","column":"age"} ✓ ünïcödé', [alice.publicKey]);
    expect(env.startsWith('fed1.')).toBe(true);
    expect(isEnvelope(env)).toBe(true);
    expect(await decryptText(env, alice.privateKey)).toBe(
      '{"method":"average","column":"age"} ✓ ünïcödé',
    );
  });

  it('one recipient, every byte value', async () => {
    const data = new Uint8Array(512).map((_, i) => i % 256);
    const out = await decrypt(await encrypt(data, [alice.publicKey]), alice.privateKey);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(Array.from(out)).toEqual(Array.from(data));
  });

  it('empty plaintext', async () => {
    const env = await encrypt(new Uint8Array(0), [alice.publicKey]);
    expect(segments(env)[3]).toBe('');
    expect(isEnvelope(env)).toBe(true);
    expect((await decrypt(env, alice.privateKey)).length).toBe(0);
    expect(await decryptText(await encrypt('', [alice.publicKey]), alice.privateKey)).toBe('');
  });

  it('1 MiB plaintext', async () => {
    const data = new Uint8Array(1 << 20);
    for (let i = 0; i < data.length; i += 65536)
      globalThis.crypto.getRandomValues(data.subarray(i, i + 65536));
    const env = await encrypt(data, [alice.publicKey]);
    expect(inspectEnvelope(env).plaintextLength).toBe(1 << 20);
    expect(
      Buffer.compare(Buffer.from(await decrypt(env, alice.privateKey)), Buffer.from(data)),
    ).toBe(0);
  });

  it('encrypts only the bytes of a view (subarray with offset)', async () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
    const env = await encrypt(backing.subarray(2, 5), [alice.publicKey]);
    expect(Array.from(await decrypt(env, alice.privateKey))).toEqual([1, 2, 3]);
  });

  it('several recipients: each one decrypts, slots are in the given order', async () => {
    const env = await encrypt('for the whole collaboration', [
      alice.publicKey,
      bob.publicKey,
      carol.publicKey,
    ]);
    for (const who of [alice, bob, carol]) {
      expect(await decryptText(env, who.privateKey)).toBe('for the whole collaboration');
      expect(await decryptText(env, who.privateKey, await keyId(who.publicKey))).toBe(
        'for the whole collaboration',
      );
    }
    expect(inspectEnvelope(env)).toEqual({
      version: 1,
      algorithm: 'RSA-OAEP-256',
      encryption: 'A256GCM',
      recipients: [
        await keyId(alice.publicKey),
        await keyId(bob.publicKey),
        await keyId(carol.publicKey),
      ],
      plaintextLength: 'for the whole collaboration'.length,
    });
    const h = decodeHeader(segments(env)[1]);
    expect(h.rcp.map((r) => b64u.decode(r.ek).length)).toEqual([384, 384, 384]);
  });

  it('recipients with explicit key ids, with or without keyId at decryption', async () => {
    const env = await encrypt('custom ids', [
      { keyId: 'org-1', key: alice.publicKey },
      { keyId: 'org-2', key: bob.publicKey },
    ]);
    expect(inspectEnvelope(env).recipients).toEqual(['org-1', 'org-2']);
    expect(await decryptText(env, bob.privateKey, 'org-2')).toBe('custom ids');
    expect(await decryptText(env, bob.privateKey)).toBe('custom ids'); // finds its slot by trial
    await expectCode(decrypt(env, bob.privateKey, 'org-3'), 'NOT_A_RECIPIENT');
  });

  it('a non-extractable private key decrypts (trial over slots, or by keyId)', async () => {
    const pem = fixture('kat-a-private.pem');
    const locked = await importPrivateKeyPem(pem, { extractable: false });
    const unlocked = await importPrivateKeyPem(pem);
    const { publicKeyFromPrivateKey } = await import('../src');
    const pub = await publicKeyFromPrivateKey(unlocked);
    const env = await encrypt('locked key', [alice.publicKey, pub]);
    expect(await decryptText(env, locked)).toBe('locked key');
    expect(await decryptText(env, locked, await keyId(pub))).toBe('locked key');
  });
});

describe('randomization', () => {
  it('the same plaintext and recipients give a different envelope every time', async () => {
    const envs = await Promise.all(
      Array.from({ length: 4 }, () => encrypt('same input', [alice.publicKey, bob.publicKey])),
    );
    expect(new Set(envs).size).toBe(4);
    const parts = envs.map(segments);
    expect(new Set(parts.map((p) => p[2])).size).toBe(4); // nonce
    expect(new Set(parts.map((p) => p[3])).size).toBe(4); // ciphertext (fresh key)
    expect(new Set(parts.map((p) => decodeHeader(p[1]).rcp[0]!.ek)).size).toBe(4); // wrapped key
    for (const env of envs) expect(await decryptText(env, bob.privateKey)).toBe('same input');
  });

  it('ciphertext does not contain the plaintext', async () => {
    const secret = 'patient-identifier-123456789';
    const env = await encrypt(secret, [alice.publicKey]);
    expect(env).not.toContain(secret);
    expect(b64u.decode(segments(env)[3]).toString('latin1')).not.toContain(secret);
  });
});

describe('wrong key', () => {
  it('a key that is not a recipient gets NOT_A_RECIPIENT', async () => {
    const env = await encrypt('not for mallory', [alice.publicKey, bob.publicKey]);
    await expectCode(decrypt(env, mallory.privateKey), 'NOT_A_RECIPIENT');
    await expectCode(
      decrypt(env, mallory.privateKey, await keyId(mallory.publicKey)),
      'NOT_A_RECIPIENT',
    );
  });

  it('a non-extractable wrong key gets NOT_A_RECIPIENT too', async () => {
    const env = await encrypt('not for mallory', [alice.publicKey]);
    const locked = await generateKeyPair({ extractable: false });
    await expectCode(decrypt(env, locked.privateKey), 'NOT_A_RECIPIENT');
  });

  it("claiming someone else's slot with the wrong key fails (TAMPERED) and never decrypts", async () => {
    const env = await encrypt('not for mallory', [alice.publicKey]);
    const err = await expectCode(
      decrypt(env, mallory.privateKey, await keyId(alice.publicKey)),
      'TAMPERED',
    );
    expect(err.message).toMatch(/does not belong|modified/);
  });

  it('a 4096-bit key never tries slots sized for 3072-bit keys', async () => {
    const big = await generateKeyPair({ modulusLength: 4096 });
    const env = await encrypt('x', [alice.publicKey]);
    await expectCode(decrypt(env, big.privateKey), 'NOT_A_RECIPIENT');
  });
});

describe('argument validation', () => {
  it('encrypt rejects unusable recipients and inputs', async () => {
    await expectCode(encrypt('x', []), 'INVALID_ARGUMENT');
    await expectCode(encrypt('x', undefined as never), 'INVALID_ARGUMENT');
    await expectCode(encrypt('x', [alice.privateKey]), 'INVALID_KEY');
    await expectCode(encrypt('x', [{ keyId: 'k', key: alice.privateKey }]), 'INVALID_KEY');
    await expectCode(encrypt('x', ['pem' as never]), 'INVALID_KEY');
    await expectCode(encrypt('x', [alice.publicKey, alice.publicKey]), 'INVALID_ARGUMENT');
    await expectCode(
      encrypt('x', [
        { keyId: 'same', key: alice.publicKey },
        { keyId: 'same', key: bob.publicKey },
      ]),
      'INVALID_ARGUMENT',
    );
    await expectCode(encrypt('x', [{ keyId: '', key: alice.publicKey }]), 'INVALID_ARGUMENT');
    await expectCode(
      encrypt('x', [{ keyId: 'has space', key: alice.publicKey }]),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      encrypt('x', [{ keyId: 'k'.repeat(257), key: alice.publicKey }]),
      'INVALID_ARGUMENT',
    );
    await expectCode(encrypt(12 as never, [alice.publicKey]), 'INVALID_ARGUMENT');
  });

  it('decrypt rejects a public key or a foreign key type', async () => {
    const env = await encrypt('x', [alice.publicKey]);
    await expectCode(decrypt(env, alice.publicKey), 'INVALID_KEY');
    const aes = await globalThis.crypto.subtle.generateKey(
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
    await expectCode(decrypt(env, aes as never), 'INVALID_KEY');
  });

  it('decryptText reports binary plaintext as MALFORMED', async () => {
    const env = await encrypt(new Uint8Array([0xff, 0xfe, 0x00]), [alice.publicKey]);
    await expectCode(decryptText(env, alice.privateKey), 'MALFORMED');
    expect(Array.from(await decrypt(env, alice.privateKey))).toEqual([0xff, 0xfe, 0x00]);
  });

  it('errors are CryptoError instances with a code and a readable message', async () => {
    const err = await decrypt('hello', alice.privateKey).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CryptoError);
    expect(err).toBeInstanceOf(Error);
    expect(isCryptoError(err)).toBe(true);
    expect(isCryptoError(err, 'MALFORMED')).toBe(true);
    expect(isCryptoError(err, 'TAMPERED')).toBe(false);
    expect(isCryptoError(new Error('x'))).toBe(false);
    expect((err as CryptoError).name).toBe('CryptoError');
    expect((err as CryptoError).message).toMatch(/^MALFORMED: /);
  });
});
