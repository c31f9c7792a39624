import type { Organization, TaskInput } from '@federa/contract';
import { encrypt, importPublicKeyPem } from '@federa/crypto';

/** An organization has published no public key, so nothing can be encrypted for it. */
export class MissingPublicKeyError extends Error {
  constructor(readonly organization: Organization) {
    super(`organization ${organization.id} ("${organization.name}") has published no public key`);
    this.name = 'MissingPublicKeyError';
  }
}

/**
 * A task input encrypted for each organization's current public key, as `POST /task` takes
 * it in an encrypted collaboration. `organization` should read each one from the server now,
 * so a replaced key is never used. Throws MissingPublicKeyError for an organization without one.
 */
export async function encryptTaskInput(
  input: TaskInput,
  organizationIds: readonly number[],
  organization: (id: number) => Promise<Organization>,
): Promise<{ id: number; input: string }[]> {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  return Promise.all(
    organizationIds.map(async (id) => {
      const org = await organization(id);
      if (!org.public_key) throw new MissingPublicKeyError(org);
      return { id, input: await encrypt(text, [await importPublicKeyPem(org.public_key)]) };
    }),
  );
}
