export { CryptoError, CryptoErrorCode, isCryptoError } from './errors';
export type { WebCryptoKey } from './webcrypto';
export {
  exportPrivateKeyJwk,
  exportPrivateKeyPem,
  exportPublicKeyJwk,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyJwk,
  importPrivateKeyPem,
  importPublicKeyJwk,
  importPublicKeyPem,
  keyId,
  publicKeyFromPrivateKey,
  KEY_ALGORITHM,
  type KeyPair,
  type ModulusLength,
  type RsaJwk,
} from './keys';
export {
  CONTENT_ALGORITHM,
  ENVELOPE_PREFIX,
  ENVELOPE_VERSION,
  inspectEnvelope,
  isEnvelope,
  looksLikeEnvelope,
  type EnvelopeInfo,
} from './format';
export { decrypt, decryptText, encrypt, type Recipient } from './envelope';
