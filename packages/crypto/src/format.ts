import { CryptoError } from './errors';
import { asciiBytes, base64UrlDecode, base64UrlEncode, utf8Decode, utf8Encode } from './encoding';
import { KEY_ALGORITHM } from './keys';

/**
 * Envelope format v1 (see README.md, "Envelope format"):
 *
 *   fed1.<header>.<iv>.<ciphertext>.<tag>
 *
 * every segment base64url without padding; <header> encodes the canonical JSON
 *   {"alg":"RSA-OAEP-256","enc":"A256GCM","rcp":[{"kid":"...","ek":"..."}, ...]}
 * and the AES-GCM additional data is the ASCII text "fed1.<header>".
 */
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_PREFIX = 'fed1.';
export const CONTENT_ALGORITHM = 'A256GCM';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const CEK_BYTES = 32;
export const MAX_RECIPIENTS = 1000;
/** Wrapped-key sizes accepted by the parser: RSA moduli from 3072 to 8192 bits. */
export const MIN_WRAPPED_KEY_BYTES = 384;
export const MAX_WRAPPED_KEY_BYTES = 1024;
/** Key ids: 1-256 printable ASCII characters without space. */
const KID_PATTERN = /^[\x21-\x7e]{1,256}$/;
const VERSION_PATTERN = /^fed([1-9][0-9]{0,5})\./;

export interface RecipientSlot {
  kid: string;
  ek: Uint8Array<ArrayBuffer>;
}

export interface ParsedEnvelope {
  version: 1;
  alg: typeof KEY_ALGORITHM;
  enc: typeof CONTENT_ALGORITHM;
  recipients: RecipientSlot[];
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
  tag: Uint8Array<ArrayBuffer>;
  /** Additional authenticated data: ASCII bytes of "fed1.<header>". */
  aad: Uint8Array<ArrayBuffer>;
}

/** What anybody (e.g. a server without keys) can learn from an envelope. */
export interface EnvelopeInfo {
  version: number;
  /** Key-wrapping algorithm, "RSA-OAEP-256". */
  algorithm: string;
  /** Content encryption algorithm, "A256GCM". */
  encryption: string;
  /** Key ids of the recipients, in envelope order. */
  recipients: string[];
  /** Length of the plaintext in bytes (GCM does not hide it). */
  plaintextLength: number;
}

export function isValidKeyId(kid: unknown): kid is string {
  return typeof kid === 'string' && KID_PATTERN.test(kid);
}

function malformed(message: string): CryptoError {
  return new CryptoError('MALFORMED', message);
}

function segment(value: string, what: string): Uint8Array<ArrayBuffer> {
  const bytes = base64UrlDecode(value);
  if (!bytes) throw malformed(`${what} is not canonical unpadded base64url`);
  return bytes;
}

/** The exact header text a v1 writer produces; parsers require byte equality with it. */
export function canonicalHeaderJson(recipients: readonly { kid: string; ek: string }[]): string {
  return JSON.stringify({
    alg: KEY_ALGORITHM,
    enc: CONTENT_ALGORITHM,
    rcp: recipients.map((r) => ({ kid: r.kid, ek: r.ek })),
  });
}

export function serializeEnvelope(parts: {
  headerB64: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}): string {
  return [
    `${ENVELOPE_PREFIX}${parts.headerB64}`,
    base64UrlEncode(parts.iv),
    base64UrlEncode(parts.ciphertext),
    base64UrlEncode(parts.tag),
  ].join('.');
}

export function encodeHeader(recipients: readonly { kid: string; ek: Uint8Array }[]): string {
  const json = canonicalHeaderJson(
    recipients.map((r) => ({ kid: r.kid, ek: base64UrlEncode(r.ek) })),
  );
  return base64UrlEncode(utf8Encode(json));
}

export function aadFor(headerB64: string): Uint8Array<ArrayBuffer> {
  return asciiBytes(`${ENVELOPE_PREFIX}${headerB64}`);
}

/**
 * Parse and structurally validate an envelope (no cryptography, no keys). Throws CryptoError with
 * code UNSUPPORTED_VERSION for a well-formed `fed<N>.` prefix with N != 1, MALFORMED otherwise.
 */
export function parseEnvelope(value: unknown): ParsedEnvelope {
  if (typeof value !== 'string') throw malformed(`expected a string, got ${typeof value}`);
  const m = VERSION_PATTERN.exec(value);
  if (!m) throw malformed('missing "fed<version>." prefix');
  const version = Number(m[1]);
  if (version !== ENVELOPE_VERSION) {
    throw new CryptoError(
      'UNSUPPORTED_VERSION',
      `envelope version ${version} is not supported (this library reads version ${ENVELOPE_VERSION})`,
    );
  }
  const parts = value.split('.');
  if (parts.length !== 5) throw malformed(`expected 5 dot-separated segments, got ${parts.length}`);
  const [, headerB64, ivB64, ctB64, tagB64] = parts as [string, string, string, string, string];

  const headerBytes = segment(headerB64, 'header');
  const headerText = utf8Decode(headerBytes);
  if (headerText === undefined) throw malformed('header is not UTF-8');
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    throw malformed('header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw malformed('header is not a JSON object');
  }
  const h = header as Record<string, unknown>;
  if (h['alg'] !== KEY_ALGORITHM) throw malformed(`header "alg" must be "${KEY_ALGORITHM}"`);
  if (h['enc'] !== CONTENT_ALGORITHM)
    throw malformed(`header "enc" must be "${CONTENT_ALGORITHM}"`);
  const rcp = h['rcp'];
  if (!Array.isArray(rcp) || rcp.length < 1 || rcp.length > MAX_RECIPIENTS) {
    throw malformed(`header "rcp" must be an array of 1-${MAX_RECIPIENTS} recipients`);
  }
  const seen = new Set<string>();
  const recipients: RecipientSlot[] = [];
  const textual: { kid: string; ek: string }[] = [];
  for (const entry of rcp as unknown[]) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw malformed('recipient entry is not an object');
    }
    const { kid, ek } = entry as Record<string, unknown>;
    if (!isValidKeyId(kid)) throw malformed('recipient "kid" must be 1-256 printable ASCII chars');
    if (seen.has(kid)) throw malformed(`duplicate recipient key id "${kid}"`);
    seen.add(kid);
    if (typeof ek !== 'string') throw malformed('recipient "ek" must be a string');
    const wrapped = segment(ek, 'recipient "ek"');
    if (wrapped.length < MIN_WRAPPED_KEY_BYTES || wrapped.length > MAX_WRAPPED_KEY_BYTES) {
      throw malformed(`recipient "ek" has an impossible length (${wrapped.length} bytes)`);
    }
    recipients.push({ kid, ek: wrapped });
    textual.push({ kid, ek });
  }
  // Exactly one accepted encoding per header: no extra fields, no whitespace, fixed key order.
  if (headerText !== canonicalHeaderJson(textual)) {
    throw malformed('header is not in canonical form (unknown fields, key order or whitespace)');
  }

  const iv = segment(ivB64, 'iv');
  if (iv.length !== IV_BYTES) throw malformed(`iv must be ${IV_BYTES} bytes`);
  const ciphertext = segment(ctB64, 'ciphertext');
  const tag = segment(tagB64, 'tag');
  if (tag.length !== TAG_BYTES) throw malformed(`tag must be ${TAG_BYTES} bytes`);

  return {
    version: 1,
    alg: KEY_ALGORITHM,
    enc: CONTENT_ALGORITHM,
    recipients,
    iv,
    ciphertext,
    tag,
    aad: aadFor(headerB64),
  };
}

/**
 * True iff `value` is a structurally valid envelope of a version this library can decrypt.
 * Purely syntactic (no keys needed, nothing is authenticated): use it on a server to refuse clear
 * input in an encrypted collaboration (`!isEnvelope(input)`) and ciphertext in a clear one.
 * For the latter, {@link looksLikeEnvelope} also catches envelopes of future versions.
 */
export function isEnvelope(value: unknown): value is string {
  try {
    parseEnvelope(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * True iff `value` starts with an envelope prefix `fed<N>.` of any version, i.e. a writer meant
 * it as ciphertext. Cheap; does not validate the rest.
 */
export function looksLikeEnvelope(value: unknown): boolean {
  return typeof value === 'string' && VERSION_PATTERN.test(value);
}

/** Public metadata of an envelope (validates structure like {@link parseEnvelope}). */
export function inspectEnvelope(value: string): EnvelopeInfo {
  const p = parseEnvelope(value);
  return {
    version: p.version,
    algorithm: p.alg,
    encryption: p.enc,
    recipients: p.recipients.map((r) => r.kid),
    plaintextLength: p.ciphertext.length,
  };
}
