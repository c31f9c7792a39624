import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  decrypt,
  decryptText,
  encrypt,
  exportPrivateKeyJwk,
  exportPrivateKeyPem,
  exportPublicKeyJwk,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyJwk,
  importPrivateKeyPem,
  importPublicKeyJwk,
  importPublicKeyPem,
  keyId,
  publicKeyFromPrivateKey,
  type KeyPair,
  type RsaJwk,
} from '../src';
import { expectCode, fixture } from './helpers';

jest.setTimeout(60_000);

const PEM_PUBLIC =
  /^-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/]{64}\n)*[A-Za-z0-9+/]{1,63}={0,2}\n-----END PUBLIC KEY-----\n$/;
const PEM_PRIVATE =
  /^-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/]{64}\n)*[A-Za-z0-9+/]{1,64}={0,2}\n-----END PRIVATE KEY-----\n$/;

let pair: KeyPair;

beforeAll(async () => {
  pair = await generateKeyPair();
});

describe('generateKeyPair', () => {
  it('creates a 3072-bit RSA-OAEP/SHA-256 pair by default', () => {
    const alg = pair.publicKey.algorithm as unknown as {
      name: string;
      modulusLength: number;
      hash: { name: string };
      publicExponent: Uint8Array;
    };
    expect(alg.name).toBe('RSA-OAEP');
    expect(alg.modulusLength).toBe(3072);
    expect(alg.hash.name).toBe('SHA-256');
    expect(Array.from(alg.publicExponent)).toEqual([1, 0, 1]);
    expect(pair.publicKey.type).toBe('public');
    expect(pair.privateKey.type).toBe('private');
    expect(pair.publicKey.usages).toEqual(['encrypt']);
    expect(pair.privateKey.usages).toEqual(['decrypt']);
    expect(pair.privateKey.extractable).toBe(true);
  });

  it('creates 4096-bit pairs on request and rejects other sizes', async () => {
    const big = await generateKeyPair({ modulusLength: 4096 });
    expect((big.privateKey.algorithm as unknown as { modulusLength: number }).modulusLength).toBe(
      4096,
    );
    const env = await encrypt('x', [big.publicKey]);
    expect(await decryptText(env, big.privateKey)).toBe('x');
    await expectCode(generateKeyPair({ modulusLength: 2048 as 3072 }), 'INVALID_ARGUMENT');
  });

  it('can create a non-extractable private key that cannot be exported', async () => {
    const locked = await generateKeyPair({ extractable: false });
    expect(locked.privateKey.extractable).toBe(false);
    await expectCode(exportPrivateKeyPem(locked.privateKey), 'INVALID_KEY');
    await expectCode(exportPrivateKeyJwk(locked.privateKey), 'INVALID_KEY');
    // the public half is always exportable
    expect(await exportPublicKeyPem(locked.publicKey)).toMatch(PEM_PUBLIC);
  });
});

describe('PEM', () => {
  it('round-trips a public key (SPKI) byte-for-byte and keeps it usable', async () => {
    const pem = await exportPublicKeyPem(pair.publicKey);
    expect(pem).toMatch(PEM_PUBLIC);
    const imported = await importPublicKeyPem(pem);
    expect(await exportPublicKeyPem(imported)).toBe(pem);
    expect(await keyId(imported)).toBe(await keyId(pair.publicKey));
    const env = await encrypt('via imported public key', [imported]);
    expect(await decryptText(env, pair.privateKey)).toBe('via imported public key');
  });

  it('round-trips a private key (PKCS#8) byte-for-byte and keeps it usable', async () => {
    const pem = await exportPrivateKeyPem(pair.privateKey);
    expect(pem).toMatch(PEM_PRIVATE);
    const imported = await importPrivateKeyPem(pem);
    expect(await exportPrivateKeyPem(imported)).toBe(pem);
    const env = await encrypt('to original public key', [pair.publicKey]);
    expect(await decryptText(env, imported)).toBe('to original public key');
  });

  it('is readable by an independent implementation (node:crypto)', async () => {
    const { createPublicKey, createPrivateKey } = await import('node:crypto');
    const pub = createPublicKey(await exportPublicKeyPem(pair.publicKey));
    const priv = createPrivateKey(await exportPrivateKeyPem(pair.privateKey));
    expect(pub.asymmetricKeyType).toBe('rsa');
    expect(pub.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(priv.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('accepts CRLF line endings, indentation and surrounding text', async () => {
    const pem = await exportPublicKeyPem(pair.publicKey);
    const messy = `Organization 7 key:\r\n  ${pem.replace(/\n/g, '\r\n  ')}\r\ntrailing words`;
    const imported = await importPublicKeyPem(messy);
    expect(await keyId(imported)).toBe(await keyId(pair.publicKey));
  });

  it('imports a private key as non-extractable on request', async () => {
    const pem = await exportPrivateKeyPem(pair.privateKey);
    const locked = await importPrivateKeyPem(pem, { extractable: false });
    expect(locked.extractable).toBe(false);
    await expectCode(exportPrivateKeyPem(locked), 'INVALID_KEY');
    const env = await encrypt('locked', [pair.publicKey]);
    expect(await decryptText(env, locked)).toBe('locked');
  });

  it('rejects malformed, mislabelled and foreign keys with INVALID_KEY', async () => {
    const pub = await exportPublicKeyPem(pair.publicKey);
    const priv = await exportPrivateKeyPem(pair.privateKey);
    await expectCode(importPublicKeyPem('not a pem'), 'INVALID_KEY');
    await expectCode(importPublicKeyPem(priv), 'INVALID_KEY');
    await expectCode(importPrivateKeyPem(pub), 'INVALID_KEY');
    await expectCode(importPublicKeyPem(pub.replace('MII', 'MIJ')), 'INVALID_KEY');
    await expectCode(
      importPublicKeyPem(pub.replace(/[A-Za-z0-9]{10}\n/, '!!!!!!!!!!\n')),
      'INVALID_KEY',
    );
    await expectCode(importPublicKeyPem(42 as unknown as string), 'INVALID_KEY');
    await expectCode(importPublicKeyPem(pub + pub), 'INVALID_KEY');

    const pkcs1 = generateKeyPairSync('rsa', {
      modulusLength: 3072,
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    expect((await expectCode(importPublicKeyPem(pkcs1.publicKey), 'INVALID_KEY')).message).toMatch(
      /PKCS#1/,
    );
    expect(
      (await expectCode(importPrivateKeyPem(pkcs1.privateKey), 'INVALID_KEY')).message,
    ).toMatch(/PKCS#1/);

    const weak = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect((await expectCode(importPublicKeyPem(weak.publicKey), 'INVALID_KEY')).message).toMatch(
      /2048/,
    );
    await expectCode(importPrivateKeyPem(weak.privateKey), 'INVALID_KEY');

    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await expectCode(importPublicKeyPem(ec.publicKey), 'INVALID_KEY');
    await expectCode(importPrivateKeyPem(ec.privateKey), 'INVALID_KEY');
  });

  it('loads the checked-in fixture keys', async () => {
    const a = await importPublicKeyPem(fixture('kat-a-public.pem'));
    const b = await importPublicKeyPem(fixture('kat-b-public.pem'));
    expect((a.algorithm as unknown as { modulusLength: number }).modulusLength).toBe(3072);
    expect((b.algorithm as unknown as { modulusLength: number }).modulusLength).toBe(4096);
  });
});

describe('JWK', () => {
  it('round-trips a public key', async () => {
    const jwk = await exportPublicKeyJwk(pair.publicKey);
    expect(jwk.kty).toBe('RSA');
    expect(jwk.alg).toBe('RSA-OAEP-256');
    expect(jwk.e).toBe('AQAB');
    expect(jwk.d).toBeUndefined();
    const imported = await importPublicKeyJwk(jwk);
    expect(await keyId(imported)).toBe(await keyId(pair.publicKey));
    expect(await exportPublicKeyPem(imported)).toBe(await exportPublicKeyPem(pair.publicKey));
  });

  it('round-trips a private key', async () => {
    const jwk = await exportPrivateKeyJwk(pair.privateKey);
    for (const f of ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const)
      expect(typeof jwk[f]).toBe('string');
    const imported = await importPrivateKeyJwk(jwk);
    expect(await exportPrivateKeyPem(imported)).toBe(await exportPrivateKeyPem(pair.privateKey));
    const env = await encrypt('jwk', [pair.publicKey]);
    expect(await decryptText(env, imported)).toBe('jwk');
  });

  it('ignores key_ops/ext from the source and honours extractable', async () => {
    const jwk: RsaJwk = {
      ...(await exportPrivateKeyJwk(pair.privateKey)),
      key_ops: ['unwrapKey'],
      ext: false,
    };
    const imported = await importPrivateKeyJwk(jwk, { extractable: false });
    expect(imported.extractable).toBe(false);
    expect(imported.usages).toEqual(['decrypt']);
  });

  it('rejects wrong JWKs with INVALID_KEY', async () => {
    const pub = await exportPublicKeyJwk(pair.publicKey);
    const priv = await exportPrivateKeyJwk(pair.privateKey);
    await expectCode(importPublicKeyJwk(priv), 'INVALID_KEY'); // private material where public expected
    await expectCode(importPrivateKeyJwk(pub), 'INVALID_KEY');
    await expectCode(importPublicKeyJwk({ ...pub, alg: 'RSA-OAEP' }), 'INVALID_KEY'); // SHA-1 OAEP
    await expectCode(importPublicKeyJwk({ ...pub, kty: 'EC' as 'RSA' }), 'INVALID_KEY');
    await expectCode(importPublicKeyJwk({ ...pub, n: 'AQAB' }), 'INVALID_KEY');
    await expectCode(importPublicKeyJwk(null as unknown as RsaJwk), 'INVALID_KEY');
  });
});

describe('keyId', () => {
  it('is base64url(SHA-256(SPKI DER)), 43 chars, stable across re-imports', async () => {
    const kid = await keyId(pair.publicKey);
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { createPublicKey } = await import('node:crypto');
    const der = createPublicKey(await exportPublicKeyPem(pair.publicKey)).export({
      type: 'spki',
      format: 'der',
    });
    expect(kid).toBe(createHash('sha256').update(der).digest('base64url'));
    expect(await keyId(await publicKeyFromPrivateKey(pair.privateKey))).toBe(kid);
  });

  it('differs between key pairs', async () => {
    const other = await importPublicKeyPem(fixture('kat-a-public.pem'));
    expect(await keyId(other)).not.toBe(await keyId(pair.publicKey));
  });

  it('only accepts RSA-OAEP public keys', async () => {
    await expectCode(keyId(pair.privateKey), 'INVALID_KEY');
    const hmac = await globalThis.crypto.subtle.generateKey(
      { name: 'HMAC', hash: 'SHA-256' },
      true,
      ['sign'],
    );
    await expectCode(keyId(hmac as never), 'INVALID_KEY');
  });
});

describe('publicKeyFromPrivateKey', () => {
  it('derives a working public key', async () => {
    const derived = await publicKeyFromPrivateKey(pair.privateKey);
    const env = await encrypt(new Uint8Array([1, 2, 3]), [derived]);
    expect(Array.from(await decrypt(env, pair.privateKey))).toEqual([1, 2, 3]);
  });
});
