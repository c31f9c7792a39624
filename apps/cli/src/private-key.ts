import fs from 'node:fs';
import { Option } from 'commander';
import {
  importPrivateKeyPem,
  keyId,
  publicKeyFromPrivateKey,
  type WebCryptoKey,
} from '@federa/crypto';
import { usageError } from './errors';

/** The one way to name the key: --private-key FILE, else this variable. */
export const PRIVATE_KEY_ENV = 'FEDERA_PRIVATE_KEY_FILE';

/** The organization's private key, read from the user's file; it is never sent anywhere. */
export interface PrivateKey {
  file: string;
  key: WebCryptoKey;
  /** base64url SHA-256 of the public key: the recipient id envelopes carry */
  keyId: string;
}

export const privateKeyOption = () =>
  new Option(
    '--private-key <file>',
    "your organization's private key (PEM), to read results of encrypted collaborations",
  ).env(PRIVATE_KEY_ENV);

export async function readPrivateKey(file: string): Promise<PrivateKey> {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read the private key ${file}: ${(error as Error).message}`);
  }
  try {
    const key = await importPrivateKeyPem(pem);
    return { file, key, keyId: await keyId(await publicKeyFromPrivateKey(key)) };
  } catch (error) {
    throw usageError(`${file} is not a usable private key: ${(error as Error).message}`);
  }
}
