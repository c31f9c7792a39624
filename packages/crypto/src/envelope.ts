import { CryptoError } from './errors';
import { utf8Decode, utf8Encode } from './encoding';
import {
  aadFor,
  CEK_BYTES,
  encodeHeader,
  isValidKeyId,
  IV_BYTES,
  MAX_RECIPIENTS,
  parseEnvelope,
  type RecipientSlot,
  serializeEnvelope,
  TAG_BYTES,
} from './format';
import { assertRsaKey, keyId as computeKeyId, publicKeyFromPrivateKey } from './keys';
import { own, randomBytes, subtle, type WebCryptoKey } from './webcrypto';

/**
 * A recipient of an envelope: a public key (its key id is then {@link keyId} of the key) or a key
 * with an explicit key id (1-256 printable ASCII characters, e.g. an organization id).
 */
export type Recipient = WebCryptoKey | { keyId: string; key: WebCryptoKey };

const OAEP = { name: 'RSA-OAEP' } as const;

function isExplicit(r: Recipient): r is { keyId: string; key: WebCryptoKey } {
  return typeof r === 'object' && r !== null && 'key' in r && 'keyId' in r;
}

/**
 * Encrypt `plaintext` (bytes, or a string encoded as UTF-8) for every recipient.
 *
 * A fresh AES-256-GCM key and 96-bit nonce are drawn per call; the AES key is wrapped with
 * RSA-OAEP-256 for each recipient; the header (version, algorithms, recipients and their wrapped
 * keys) is authenticated as GCM additional data. Returns a `fed1.` envelope string.
 */
export async function encrypt(
  plaintext: Uint8Array | string,
  recipients: readonly Recipient[],
): Promise<string> {
  let data: Uint8Array<ArrayBuffer>;
  if (typeof plaintext === 'string') data = utf8Encode(plaintext);
  else if (plaintext instanceof Uint8Array || ArrayBuffer.isView(plaintext)) {
    const view = plaintext as Uint8Array;
    data = own(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  } else throw new CryptoError('INVALID_ARGUMENT', 'plaintext must be a Uint8Array or a string');

  if (!Array.isArray(recipients) || recipients.length === 0) {
    throw new CryptoError('INVALID_ARGUMENT', 'at least one recipient is required');
  }
  if (recipients.length > MAX_RECIPIENTS) {
    throw new CryptoError('INVALID_ARGUMENT', `at most ${MAX_RECIPIENTS} recipients are supported`);
  }

  const resolved: { kid: string; key: WebCryptoKey }[] = [];
  const seen = new Set<string>();
  for (const r of recipients as readonly Recipient[]) {
    const key = isExplicit(r) ? r.key : r;
    assertRsaKey(key, 'public', 'encrypt');
    const kid = isExplicit(r) ? r.keyId : await computeKeyId(key);
    if (!isValidKeyId(kid)) {
      throw new CryptoError(
        'INVALID_ARGUMENT',
        'a key id must be 1-256 printable ASCII characters',
      );
    }
    if (seen.has(kid)) {
      throw new CryptoError('INVALID_ARGUMENT', `recipient key id "${kid}" appears more than once`);
    }
    seen.add(kid);
    resolved.push({ kid, key });
  }

  const s = subtle();
  const cekBytes = randomBytes(CEK_BYTES);
  try {
    const slots: RecipientSlot[] = [];
    for (const { kid, key } of resolved) {
      slots.push({ kid, ek: new Uint8Array(await s.encrypt(OAEP, key, cekBytes)) });
    }
    const cek = await s.importKey('raw', cekBytes, { name: 'AES-GCM' }, false, ['encrypt']);
    const headerB64 = encodeHeader(slots);
    const iv = randomBytes(IV_BYTES);
    const sealed = new Uint8Array(
      await s.encrypt(
        { name: 'AES-GCM', iv, additionalData: aadFor(headerB64), tagLength: TAG_BYTES * 8 },
        cek,
        data,
      ),
    );
    return serializeEnvelope({
      headerB64,
      iv,
      ciphertext: sealed.subarray(0, sealed.length - TAG_BYTES),
      tag: sealed.subarray(sealed.length - TAG_BYTES),
    });
  } finally {
    cekBytes.fill(0);
  }
}

async function unwrap(
  slot: RecipientSlot,
  privateKey: WebCryptoKey,
  modulusBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (slot.ek.length !== modulusBytes) return undefined;
  try {
    const cek = new Uint8Array(await subtle().decrypt(OAEP, privateKey, slot.ek));
    return cek.length === CEK_BYTES ? cek : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decrypt an envelope with an organization's private key.
 *
 * Slot selection: with `keyId`, the slot with that key id (NOT_A_RECIPIENT if absent); without it,
 * the slot whose key id equals {@link keyId} of the public key derived from `privateKey` (needs an
 * extractable key); if that is not possible or not present, every slot is tried in turn.
 *
 * Errors (CryptoError.code): MALFORMED, UNSUPPORTED_VERSION, INVALID_KEY, NOT_A_RECIPIENT, and
 * TAMPERED when the addressed slot's wrapped key does not open with this key or when GCM
 * authentication (ciphertext, tag, nonce, header) fails.
 */
export async function decrypt(
  envelope: string,
  privateKey: WebCryptoKey,
  keyId?: string,
): Promise<Uint8Array> {
  const env = parseEnvelope(envelope);
  const modulusBits = assertRsaKey(privateKey, 'private', 'decrypt');
  const modulusBytes = modulusBits / 8;
  if (keyId !== undefined && typeof keyId !== 'string') {
    throw new CryptoError('INVALID_ARGUMENT', 'keyId must be a string');
  }

  let targetKid = keyId;
  if (targetKid === undefined && privateKey.extractable) {
    targetKid = await computeKeyId(await publicKeyFromPrivateKey(privateKey));
    if (!env.recipients.some((r) => r.kid === targetKid)) targetKid = undefined; // custom key ids
  }

  let cekBytes: Uint8Array<ArrayBuffer> | undefined;
  if (targetKid !== undefined) {
    const slot = env.recipients.find((r) => r.kid === targetKid);
    if (!slot) {
      throw new CryptoError('NOT_A_RECIPIENT', `no recipient slot for key id "${targetKid}"`);
    }
    cekBytes = await unwrap(slot, privateKey, modulusBytes);
    if (!cekBytes) {
      throw new CryptoError(
        'TAMPERED',
        `the wrapped key for "${targetKid}" does not open: it was modified, or the private key does not belong to this key id`,
      );
    }
  } else {
    for (const slot of env.recipients) {
      cekBytes = await unwrap(slot, privateKey, modulusBytes);
      if (cekBytes) break;
    }
    if (!cekBytes) {
      throw new CryptoError(
        'NOT_A_RECIPIENT',
        `the private key opens none of the ${env.recipients.length} recipient slot(s)`,
      );
    }
  }

  const s = subtle();
  let cek: WebCryptoKey;
  try {
    cek = await s.importKey('raw', cekBytes, { name: 'AES-GCM' }, false, ['decrypt']);
  } finally {
    cekBytes.fill(0);
  }
  const sealed = new Uint8Array(env.ciphertext.length + TAG_BYTES);
  sealed.set(env.ciphertext, 0);
  sealed.set(env.tag, env.ciphertext.length);
  try {
    const plain = await s.decrypt(
      { name: 'AES-GCM', iv: env.iv, additionalData: env.aad, tagLength: TAG_BYTES * 8 },
      cek,
      sealed,
    );
    return new Uint8Array(plain);
  } catch (cause) {
    throw new CryptoError(
      'TAMPERED',
      'authentication failed: the ciphertext, tag, nonce or header was modified',
      { cause },
    );
  }
}

/** {@link decrypt} and decode the plaintext as UTF-8 (MALFORMED if it is not valid UTF-8). */
export async function decryptText(
  envelope: string,
  privateKey: WebCryptoKey,
  keyId?: string,
): Promise<string> {
  const text = utf8Decode(await decrypt(envelope, privateKey, keyId));
  if (text === undefined) {
    throw new CryptoError('MALFORMED', 'the decrypted plaintext is not valid UTF-8');
  }
  return text;
}
