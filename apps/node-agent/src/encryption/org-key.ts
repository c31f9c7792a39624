import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPrivateKeyPem,
  keyId,
  publicKeyFromPrivateKey,
  type WebCryptoKey,
} from '@federa/crypto';
import type { Logger } from '../logger';

/** The organization's key pair as the node holds it. */
export interface OrgKey {
  file: string;
  privateKey: WebCryptoKey;
  publicKeyPem: string;
  /** base64url SHA-256 of the public key (SPKI): what envelopes name their recipients by */
  keyId: string;
}

/**
 * Loads the organization's private key (PKCS#8 PEM). When the file does not exist a new key
 * pair is created and the private key written with mode 0600: it never leaves this machine.
 */
export async function loadOrCreateOrgKey(file: string, log: Logger): Promise<OrgKey> {
  let privateKey = await readPrivateKey(file, log);
  if (!privateKey) {
    const pair = await generateKeyPair();
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // 'wx': never overwrite a key (another node of the organization may share the file)
      writeFileSync(file, await exportPrivateKeyPem(pair.privateKey), { mode: 0o600, flag: 'wx' });
      privateKey = pair.privateKey;
      log.info({ file }, "created a key pair for the organization's end-to-end encryption");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      privateKey = (await readPrivateKey(file, log))!;
    }
  }
  const publicKey = await publicKeyFromPrivateKey(privateKey);
  return {
    file,
    privateKey,
    publicKeyPem: await exportPublicKeyPem(publicKey),
    keyId: await keyId(publicKey),
  };
}

/** The key in `file`; undefined when there is no such file. */
async function readPrivateKey(file: string, log: Logger): Promise<WebCryptoKey | undefined> {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`encryption.private_key: cannot read ${file}: ${(error as Error).message}`);
  }
  if (statSync(file).mode & 0o077) {
    log.warn({ file }, 'the private key file is readable by others than its owner: chmod 600 it');
  }
  try {
    return await importPrivateKeyPem(pem);
  } catch (error) {
    throw new Error(
      `encryption.private_key: ${file} is not a usable private key: ${(error as Error).message}`,
    );
  }
}
