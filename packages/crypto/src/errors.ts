/**
 * Error codes raised by @federa/crypto. Every failure of this package is a {@link CryptoError}
 * carrying one of these codes, so a caller (e.g. a node marking a run as failed) can report a
 * precise reason without parsing messages.
 */
export const CryptoErrorCode = {
  /** The value is not a syntactically valid envelope (bad prefix, segment, base64, JSON, field). */
  MALFORMED: 'MALFORMED',
  /** The envelope has a `fed<N>.` prefix but version N is not supported by this library. */
  UNSUPPORTED_VERSION: 'UNSUPPORTED_VERSION',
  /** The given private key does not open any recipient slot of the envelope. */
  NOT_A_RECIPIENT: 'NOT_A_RECIPIENT',
  /** Authentication failed: ciphertext, tag, nonce, header or the wrapped key was modified. */
  TAMPERED: 'TAMPERED',
  /** A key is of the wrong type/algorithm/size/usage, or a PEM/JWK could not be imported. */
  INVALID_KEY: 'INVALID_KEY',
  /** An argument to encrypt() is unusable (no recipients, duplicate key ids, bad key id). */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;

export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.code = code;
  }
}

/** Type guard, optionally narrowing on a specific code. */
export function isCryptoError(value: unknown, code?: CryptoErrorCode): value is CryptoError {
  return value instanceof CryptoError && (code === undefined || value.code === code);
}
