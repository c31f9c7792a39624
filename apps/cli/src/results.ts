import type { Result } from '@federa/contract';

/** What a result says once decoded; `encrypted` until the CLI can decrypt. */
export type DecodedResult =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'encrypted' };

export interface DecodeContext {
  /** the task's collaboration encrypts inputs and results end to end */
  encrypted: boolean;
}

/**
 * The seam for end-to-end encryption: results of an encrypted collaboration are envelopes.
 * TODO(@federa/crypto): decrypt them here with the organization's private key (a --key
 * option or a key path in the user config), then decode the plaintext like any other.
 */
export async function decodeResult(result: Result, context: DecodeContext): Promise<DecodedResult> {
  const text = result.result;
  if (text === null || text === '') return { kind: 'none' };
  if (context.encrypted) return { kind: 'encrypted' };
  return decodeText(text);
}

export function decodeText(text: string): DecodedResult {
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', text };
  }
}

/** A result for --json output: the server's fields plus the decoded `value`. */
export function resultJson(result: Result, decoded: DecodedResult) {
  return {
    ...result,
    encrypted: decoded.kind === 'encrypted',
    value: decoded.kind === 'json' ? decoded.value : decoded.kind === 'text' ? decoded.text : null,
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
      return 'encrypted (decryption in the CLI is not available yet)';
  }
}
