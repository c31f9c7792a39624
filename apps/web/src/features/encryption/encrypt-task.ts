import type { Organization, TaskCreate } from '@federa/contract';
import { MissingPublicKeyError, encryptTaskInput } from '@federa/client';
import { importPublicKeyPem } from '@federa/crypto';
import type { Api } from '@/lib/api';

/**
 * A task body for an encrypted collaboration: the input encrypted in this browser for each
 * organization's current public key (read now, so a replaced key is never used). Refuses when
 * an organization has no key, the user's own included: results come back encrypted for it.
 */
export async function encryptTaskBody(
  api: Api,
  body: TaskCreate,
  ownOrganizationId: number,
): Promise<TaskCreate> {
  const organization = (id: number) => api.call((c) => c.organizations.get({ params: { id } }));
  const publicKey = (org: Organization, why: string) => {
    if (!org.public_key) throw new Error(`${org.name} has published no public key: ${why}.`);
    return importPublicKeyPem(org.public_key);
  };
  await publicKey(
    await organization(ownOrganizationId),
    'the nodes could not encrypt the results for you',
  );
  const { input, organization_ids, ...rest } = body;
  if (input === undefined) return body;
  try {
    return {
      ...rest,
      organizations: await encryptTaskInput(input, organization_ids ?? [], organization),
    };
  } catch (error) {
    if (!(error instanceof MissingPublicKeyError)) throw error;
    throw new Error(
      `${error.organization.name} has published no public key: its input cannot be encrypted.`,
    );
  }
}
