/**
 * Small, dependency-free encoders (no Buffer, no btoa/atob: works identically in Node and browsers
 * and is strict about canonical input).
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function makeLookup(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const B64_LOOKUP = makeLookup(B64);
const B64URL_LOOKUP = makeLookup(B64URL);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk +=
      alphabet[(v >>> 18) & 63]! +
      alphabet[(v >>> 12) & 63]! +
      alphabet[(v >>> 6) & 63]! +
      alphabet[v & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = n - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    chunk += alphabet[(v >>> 18) & 63]! + alphabet[(v >>> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    chunk +=
      alphabet[(v >>> 18) & 63]! +
      alphabet[(v >>> 12) & 63]! +
      alphabet[(v >>> 6) & 63]! +
      (pad ? '=' : '');
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Strict decoder: only alphabet characters, no whitespace, canonical (unused trailing bits must be
 * zero), so every byte string has exactly one accepted encoding. Returns undefined on bad input.
 */
function decode(text: string, lookup: Int16Array): Uint8Array<ArrayBuffer> | undefined {
  const n = text.length;
  if (n % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? lookup[c]! : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  if (acc !== 0) return undefined; // non-canonical: leftover bits must be zero
  return out;
}

export function base64UrlEncode(bytes: Uint8Array): string {
  return encode(bytes, B64URL, false);
}

export function base64UrlDecode(text: string): Uint8Array<ArrayBuffer> | undefined {
  return decode(text, B64URL_LOOKUP);
}

export function base64Encode(bytes: Uint8Array): string {
  return encode(bytes, B64, true);
}

/** Standard base64 with mandatory padding (as used in PEM bodies). */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0) return undefined;
  let body = text;
  if (body.endsWith('==')) body = body.slice(0, -2);
  else if (body.endsWith('=')) body = body.slice(0, -1);
  return decode(body, B64_LOOKUP);
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/** Strict UTF-8 decode; returns undefined for invalid UTF-8. A leading BOM is preserved. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** ASCII-only string to bytes (throws on non-ASCII; used for the AAD, which is always ASCII). */
export function asciiBytes(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new RangeError('non-ASCII character');
    out[i] = c;
  }
  return out;
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Extract the DER body of the single PEM block with the given label. Tolerates surrounding text,
 * CRLF line endings and indentation; returns undefined if there is no such block or it is not
 * valid base64.
 */
export function fromPem(label: string, pem: string): Uint8Array<ArrayBuffer> | undefined {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const start = pem.indexOf(begin);
  if (start < 0) return undefined;
  const stop = pem.indexOf(end, start + begin.length);
  if (stop < 0) return undefined;
  if (pem.indexOf(begin, stop) >= 0) return undefined; // more than one block: ambiguous
  const body = pem.slice(start + begin.length, stop).replace(/\s+/g, '');
  if (body.length === 0) return undefined;
  return base64Decode(body);
}
