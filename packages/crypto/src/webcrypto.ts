import { CryptoError } from './errors';

/**
 * The WebCrypto `SubtleCrypto` of the current runtime (Node >= 20 or a browser). Types are derived
 * from `globalThis.crypto` so they resolve both against @types/node and against the DOM lib.
 */
export type Subtle = typeof globalThis.crypto.subtle;

/** A WebCrypto `CryptoKey` (Node's `webcrypto.CryptoKey` or the DOM `CryptoKey`). */
export type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;

export function subtle(): Subtle {
  const c = (globalThis as { crypto?: typeof globalThis.crypto }).crypto;
  if (!c || !c.subtle) {
    throw new CryptoError(
      'INVALID_ARGUMENT',
      'WebCrypto (globalThis.crypto.subtle) is not available; a secure context / Node >= 20 is required',
    );
  }
  return c.subtle;
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** Copy into a fresh, ArrayBuffer-backed array (what the DOM `BufferSource` type requires). */
export function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}
