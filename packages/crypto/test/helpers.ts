import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CryptoError, type CryptoErrorCode } from '../src';

export function fixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** Await `promise` and assert it rejects with a CryptoError of exactly `code`. */
export async function expectCode(
  promise: Promise<unknown>,
  code: CryptoErrorCode,
): Promise<CryptoError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  if (caught === undefined)
    throw new Error(`expected a CryptoError ${code}, but the call succeeded`);
  expect(caught).toBeInstanceOf(CryptoError);
  expect((caught as CryptoError).code).toBe(code);
  return caught as CryptoError;
}

export function expectCodeSync(fn: () => unknown, code: CryptoErrorCode): CryptoError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (caught === undefined)
    throw new Error(`expected a CryptoError ${code}, but the call succeeded`);
  expect(caught).toBeInstanceOf(CryptoError);
  expect((caught as CryptoError).code).toBe(code);
  return caught as CryptoError;
}

/** Envelope segments: [prefix "fed1", header, iv, ciphertext, tag]. */
export function segments(envelope: string): [string, string, string, string, string] {
  const parts = envelope.split('.');
  if (parts.length !== 5) throw new Error('not a 5-segment envelope');
  return parts as [string, string, string, string, string];
}

export function join5(parts: readonly string[]): string {
  return parts.join('.');
}

export const b64u = {
  decode: (s: string): Buffer => Buffer.from(s, 'base64url'),
  encode: (b: Uint8Array): string => Buffer.from(b).toString('base64url'),
};

/** Flip one bit of byte `index` (negative counts from the end) in a base64url segment. */
export function flipByte(segment: string, index: number): string {
  const bytes = b64u.decode(segment);
  const i = index < 0 ? bytes.length + index : index;
  if (i < 0 || i >= bytes.length) throw new Error('index out of range');
  bytes[i] = bytes[i]! ^ 0x01;
  return b64u.encode(bytes);
}

export interface Header {
  alg: string;
  enc: string;
  rcp: { kid: string; ek: string }[];
}

export function decodeHeader(segment: string): Header {
  return JSON.parse(b64u.decode(segment).toString('utf8')) as Header;
}

export function encodeHeader(header: unknown): string {
  return b64u.encode(Buffer.from(JSON.stringify(header), 'utf8'));
}

/** Rewrite the header of an envelope (keeping iv, ciphertext and tag). */
export function withHeader(envelope: string, edit: (h: Header) => unknown): string {
  const parts = segments(envelope);
  parts[1] = encodeHeader(edit(decodeHeader(parts[1])));
  return join5(parts);
}
