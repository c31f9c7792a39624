import {
  importPublicKeyPem,
  inspectEnvelope,
  isEnvelope,
  keyId,
  looksLikeEnvelope,
} from '@federa/crypto';
import { badRequest } from '../common/app-error';
import type { OrganizationEntity } from '../organizations/organization.entity';

/**
 * In an encrypted collaboration the server must only ever hold ciphertext, and in a clear one
 * it must not hold ciphertext nobody can read. Inputs are checked before anything is written;
 * an envelope must be addressed to the current key of the organization that will run it.
 */
export async function assertInputsMatch(
  encrypted: boolean,
  targets: { organization: OrganizationEntity; input: string | null }[],
): Promise<void> {
  for (const { organization, input } of targets) {
    if (input === null) continue;
    if (!encrypted) {
      if (looksLikeEnvelope(input)) {
        throw badRequest(
          `input for organization ${organization.id} is encrypted, but the collaboration is not`,
        );
      }
      continue;
    }
    if (!isEnvelope(input)) {
      throw badRequest(
        `the collaboration is encrypted: input for organization ${organization.id} must be an envelope encrypted for it`,
      );
    }
    if (!organization.publicKey) {
      throw badRequest(`organization ${organization.id} has published no public key yet`);
    }
    const expected = await keyId(await importPublicKeyPem(organization.publicKey));
    if (!inspectEnvelope(input).recipients.includes(expected)) {
      throw badRequest(
        `input for organization ${organization.id} is not encrypted for its current public key`,
      );
    }
  }
}

/** A public key must be one the nodes and researchers can encrypt for: PEM, RSA, 3072+ bits. */
export async function assertPublicKey(pem: string): Promise<void> {
  try {
    await importPublicKeyPem(pem);
  } catch (error) {
    throw badRequest(`public_key is not a usable PEM RSA public key: ${(error as Error).message}`);
  }
}

/** A run's result or log is ciphertext exactly when its collaboration is encrypted. */
export function assertReportMatches(
  encrypted: boolean,
  field: 'result' | 'log',
  value: string | undefined,
): void {
  if (value === undefined) return;
  if (encrypted && !isEnvelope(value)) {
    throw badRequest(`the collaboration is encrypted: the ${field} must be an envelope`);
  }
  if (!encrypted && looksLikeEnvelope(value)) {
    throw badRequest(`the ${field} is encrypted, but the collaboration is not`);
  }
}
