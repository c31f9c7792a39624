import type { Result } from '@federa/contract';
import { decryptText, isCryptoError } from '@federa/crypto';
import type { PrivateKey } from './private-key';

/** What a result says once decoded. */
export type DecodedResult =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  /** encrypted, and no key was given */
  | { kind: 'encrypted' }
  /** encrypted, and the key given does not open it */
  | { kind: 'undecryptable'; reason: string };

export interface DecodeContext {
  /** the task's collaboration encrypts inputs and results end to end */
  encrypted: boolean;
  privateKey?: PrivateKey;
}

/** A result with its result and log in clear when they could be read, and what it says. */
export interface OpenedResult {
  result: Result;
  decoded: DecodedResult;
  /** result and log are still envelopes */
  sealed: boolean;
}

/** Decrypts a result of an encrypted collaboration (and its log) with the user's key. */
export async function openResult(result: Result, context: DecodeContext): Promise<OpenedResult> {
  if (!context.encrypted) return { result, decoded: decodeText(result.result), sealed: false };
  const key = context.privateKey;
  if (!key) {
    const decoded: DecodedResult = result.result ? { kind: 'encrypted' } : { kind: 'none' };
    return { result, decoded, sealed: true };
  }
  const open = (envelope: string | null) =>
    envelope ? decryptText(envelope, key.key, key.keyId) : Promise.resolve(envelope);
  try {
    const [text, log] = await Promise.all([open(result.result), open(result.log)]);
    return { result: { ...result, result: text, log }, decoded: decodeText(text), sealed: false };
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    return { result, decoded: { kind: 'undecryptable', reason: error.message }, sealed: true };
  }
}

export function decodeText(text: string | null): DecodedResult {
  if (text === null || text === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', text };
  }
}

/** A result for --json output: the server's fields (in clear once decrypted) and `value`. */
export function resultJson({ result, decoded, sealed }: OpenedResult) {
  return {
    ...result,
    encrypted: sealed,
    value: decoded.kind === 'json' ? decoded.value : decoded.kind === 'text' ? decoded.text : null,
    ...(decoded.kind === 'undecryptable' && { decryption_error: decoded.reason }),
  };
}

/** A result for people: JSON pretty-printed, text as is. */
export function resultText(decoded: DecodedResult): string {
  switch (decoded.kind) {
    case 'none':
      return '(no result)';
    case 'json':
      return JSON.stringify(decoded.value, null, 2);
    case 'text':
      return decoded.text;
    case 'encrypted':
      return `encrypted (to read it: --private-key FILE, or set FEDERA_PRIVATE_KEY_FILE)`;
    case 'undecryptable':
      return `encrypted, and the key given cannot open it: ${decoded.reason}`;
  }
}
