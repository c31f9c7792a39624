import { CryptoError } from './errors';
import { base64UrlEncode, fromPem, toPem } from './encoding';
import { own, subtle, type WebCryptoKey } from './webcrypto';

/** WebCrypto algorithm name and hash used for every Federa organization key. */
export const RSA_ALGORITHM = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
/** JOSE name of the key-wrapping algorithm (RSAES-OAEP with SHA-256 and MGF1-SHA-256). */
export const KEY_ALGORITHM = 'RSA-OAEP-256';
/** Smallest and largest accepted RSA modulus, in bits. */
export const MIN_MODULUS_BITS = 3072;
export const MAX_MODULUS_BITS = 8192;

export type ModulusLength = 3072 | 4096;

export interface KeyPair {
  publicKey: WebCryptoKey;
  privateKey: WebCryptoKey;
}

/** An RSA JSON Web Key as produced/accepted by this package (RFC 7517/7518). */
export interface RsaJwk {
  kty: 'RSA';
  n: string;
  e: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  alg?: string;
  key_ops?: string[];
  ext?: boolean;
  kid?: string;
}

const PUBLIC_USAGES = ['encrypt'] as const;
const PRIVATE_USAGES = ['decrypt'] as const;

interface RsaHashedAlgorithm {
  name: string;
  modulusLength?: number;
  hash?: { name?: string } | string;
}

function describe(key: unknown): string {
  if (typeof key !== 'object' || key === null) return typeof key;
  const k = key as { type?: unknown; algorithm?: { name?: unknown } };
  return `${String(k.type)} ${String(k.algorithm?.name)} key`;
}

/**
 * Throws INVALID_KEY unless `key` is a WebCrypto RSA-OAEP/SHA-256 key of the expected type, with
 * an accepted modulus size and the required usage. Returns the modulus length in bits.
 */
export function assertRsaKey(
  key: unknown,
  type: 'public' | 'private',
  usage: 'encrypt' | 'decrypt',
): number {
  const k = key as Partial<WebCryptoKey> | null;
  if (typeof k !== 'object' || k === null || !k.algorithm || !Array.isArray(k.usages)) {
    throw new CryptoError('INVALID_KEY', `expected a WebCrypto ${type} key, got ${describe(key)}`);
  }
  const alg = k.algorithm as RsaHashedAlgorithm;
  const hash = typeof alg.hash === 'string' ? alg.hash : alg.hash?.name;
  if (k.type !== type || alg.name !== RSA_ALGORITHM.name || hash !== RSA_ALGORITHM.hash) {
    throw new CryptoError(
      'INVALID_KEY',
      `expected an RSA-OAEP (SHA-256) ${type} key, got ${describe(key)} (hash ${String(hash)})`,
    );
  }
  const bits = alg.modulusLength;
  if (typeof bits !== 'number' || bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
    throw new CryptoError(
      'INVALID_KEY',
      `RSA modulus of ${String(bits)} bits is outside the accepted range ${MIN_MODULUS_BITS}-${MAX_MODULUS_BITS}`,
    );
  }
  if (!(k.usages as readonly string[]).includes(usage)) {
    throw new CryptoError('INVALID_KEY', `the ${type} key does not allow "${usage}"`);
  }
  return bits;
}

/** Generate an organization key pair: RSA-OAEP, SHA-256, e = 65537, 3072 (default) or 4096 bits. */
export async function generateKeyPair(
  options: { modulusLength?: ModulusLength; extractable?: boolean } = {},
): Promise<KeyPair> {
  const modulusLength = options.modulusLength ?? 3072;
  if (modulusLength !== 3072 && modulusLength !== 4096) {
    throw new CryptoError('INVALID_ARGUMENT', 'modulusLength must be 3072 or 4096');
  }
  const pair = await subtle().generateKey(
    {
      ...RSA_ALGORITHM,
      modulusLength,
      publicExponent: new Uint8Array([0x01, 0x00, 0x01]),
    },
    options.extractable ?? true,
    [...PUBLIC_USAGES, ...PRIVATE_USAGES],
  );
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

async function exportKey<F extends 'spki' | 'pkcs8'>(
  format: F,
  key: WebCryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await subtle().exportKey(format, key));
  } catch (cause) {
    throw new CryptoError(
      'INVALID_KEY',
      `cannot export the key as ${format}${key.extractable ? '' : ' (it is not extractable)'}`,
      { cause },
    );
  }
}

async function exportJwk(key: WebCryptoKey): Promise<RsaJwk> {
  try {
    return (await subtle().exportKey('jwk', key)) as RsaJwk;
  } catch (cause) {
    throw new CryptoError(
      'INVALID_KEY',
      `cannot export the key as JWK${key.extractable ? '' : ' (it is not extractable)'}`,
      { cause },
    );
  }
}

/** SPKI DER of a public key, PEM-armoured as `-----BEGIN PUBLIC KEY-----`. */
export async function exportPublicKeyPem(publicKey: WebCryptoKey): Promise<string> {
  assertRsaKey(publicKey, 'public', 'encrypt');
  return toPem('PUBLIC KEY', await exportKey('spki', publicKey));
}

/** PKCS#8 DER of a private key, PEM-armoured as `-----BEGIN PRIVATE KEY-----` (unencrypted). */
export async function exportPrivateKeyPem(privateKey: WebCryptoKey): Promise<string> {
  assertRsaKey(privateKey, 'private', 'decrypt');
  return toPem('PRIVATE KEY', await exportKey('pkcs8', privateKey));
}

export async function exportPublicKeyJwk(publicKey: WebCryptoKey): Promise<RsaJwk> {
  assertRsaKey(publicKey, 'public', 'encrypt');
  return exportJwk(publicKey);
}

export async function exportPrivateKeyJwk(privateKey: WebCryptoKey): Promise<RsaJwk> {
  assertRsaKey(privateKey, 'private', 'decrypt');
  return exportJwk(privateKey);
}

function pemBody(pem: unknown, label: string): Uint8Array<ArrayBuffer> {
  if (typeof pem !== 'string') {
    throw new CryptoError('INVALID_KEY', `expected a PEM string, got ${typeof pem}`);
  }
  const der = fromPem(label, pem);
  if (der) return der;
  if (pem.includes('-----BEGIN RSA ')) {
    throw new CryptoError(
      'INVALID_KEY',
      `PKCS#1 ("BEGIN RSA ...") keys are not supported; convert to ${label === 'PUBLIC KEY' ? 'SPKI' : 'PKCS#8'} ("BEGIN ${label}")`,
    );
  }
  if (pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new CryptoError('INVALID_KEY', 'password-protected PKCS#8 keys are not supported');
  }
  throw new CryptoError('INVALID_KEY', `no valid "-----BEGIN ${label}-----" PEM block found`);
}

async function importChecked(
  format: 'spki' | 'pkcs8' | 'jwk',
  data: Uint8Array<ArrayBuffer> | RsaJwk,
  type: 'public' | 'private',
  extractable: boolean,
): Promise<WebCryptoKey> {
  const usages = type === 'public' ? [...PUBLIC_USAGES] : [...PRIVATE_USAGES];
  let key: WebCryptoKey;
  try {
    key =
      format === 'jwk'
        ? await subtle().importKey('jwk', data as RsaJwk, RSA_ALGORITHM, extractable, usages)
        : await subtle().importKey(
            format,
            data as Uint8Array<ArrayBuffer>,
            RSA_ALGORITHM,
            extractable,
            usages,
          );
  } catch (cause) {
    throw new CryptoError(
      'INVALID_KEY',
      `not a valid RSA ${type} key (${format}): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
  assertRsaKey(key, type, type === 'public' ? 'encrypt' : 'decrypt');
  return key;
}

export async function importPublicKeyPem(pem: string): Promise<WebCryptoKey> {
  return importChecked('spki', pemBody(pem, 'PUBLIC KEY'), 'public', true);
}

/**
 * Import an unencrypted PKCS#8 private key. `extractable` (default true) allows re-export and lets
 * {@link decrypt} derive the key id from the private key; pass false in a browser if you want the
 * key material to be unreadable by script once imported (then pass the key id to decrypt()).
 */
export async function importPrivateKeyPem(
  pem: string,
  options: { extractable?: boolean } = {},
): Promise<WebCryptoKey> {
  return importChecked(
    'pkcs8',
    pemBody(pem, 'PRIVATE KEY'),
    'private',
    options.extractable ?? true,
  );
}

function checkJwk(jwk: unknown, type: 'public' | 'private'): RsaJwk {
  const j = jwk as Partial<RsaJwk> | null;
  if (typeof j !== 'object' || j === null || j.kty !== 'RSA') {
    throw new CryptoError('INVALID_KEY', 'expected an RSA JWK (kty "RSA")');
  }
  if (j.alg !== undefined && j.alg !== KEY_ALGORITHM) {
    throw new CryptoError(
      'INVALID_KEY',
      `JWK alg must be "${KEY_ALGORITHM}", got "${String(j.alg)}"`,
    );
  }
  if (typeof j.n !== 'string' || typeof j.e !== 'string') {
    throw new CryptoError('INVALID_KEY', 'JWK lacks "n" or "e"');
  }
  if (type === 'public') {
    if (j.d !== undefined) {
      throw new CryptoError(
        'INVALID_KEY',
        'expected a public JWK but it contains a private exponent',
      );
    }
    return { kty: 'RSA', n: j.n, e: j.e, alg: KEY_ALGORITHM, ext: true };
  }
  const out: RsaJwk = { kty: 'RSA', n: j.n, e: j.e, alg: KEY_ALGORITHM };
  for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
    const v = j[f];
    if (typeof v !== 'string') {
      throw new CryptoError('INVALID_KEY', `private JWK lacks "${f}"`);
    }
    out[f] = v;
  }
  return out;
}

export async function importPublicKeyJwk(jwk: RsaJwk): Promise<WebCryptoKey> {
  return importChecked('jwk', checkJwk(jwk, 'public'), 'public', true);
}

export async function importPrivateKeyJwk(
  jwk: RsaJwk,
  options: { extractable?: boolean } = {},
): Promise<WebCryptoKey> {
  const extractable = options.extractable ?? true;
  return importChecked(
    'jwk',
    { ...checkJwk(jwk, 'private'), ext: extractable },
    'private',
    extractable,
  );
}

/** Derive the public key from an extractable private key (uses its n and e). */
export async function publicKeyFromPrivateKey(privateKey: WebCryptoKey): Promise<WebCryptoKey> {
  assertRsaKey(privateKey, 'private', 'decrypt');
  const jwk = await exportJwk(privateKey);
  return importPublicKeyJwk({ kty: 'RSA', n: jwk.n, e: jwk.e });
}

/**
 * The key id of a public key: base64url (no padding) of SHA-256 over its SPKI DER encoding.
 * Always 43 characters. Any party holding the public key (or its PEM) computes the same id.
 */
export async function keyId(publicKey: WebCryptoKey): Promise<string> {
  assertRsaKey(publicKey, 'public', 'encrypt');
  const spki = await exportKey('spki', publicKey);
  const digest = await subtle().digest('SHA-256', own(spki));
  return base64UrlEncode(new Uint8Array(digest));
}
