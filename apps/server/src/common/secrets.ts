import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token of `bytes` bytes, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Opaque credentials (refresh tokens, node API keys) read `<prefix>_<id>_<secret>`: the id finds
 * the row with one indexed lookup, only the secret's hash is stored.
 */
export function newCredential(prefix: string): { id: string; secret: string; token: string } {
  const id = randomToken(9);
  const secret = randomToken(32);
  return { id, secret, token: `${prefix}_${id}_${secret}` };
}

export function parseCredential(
  prefix: string,
  token: string,
): { id: string; secret: string } | null {
  const match = new RegExp(`^${prefix}_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$`).exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}
