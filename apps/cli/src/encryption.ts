import { MissingPublicKeyError, type Session, encryptTaskInput } from '@federa/client';
import type { Organization, TaskInput } from '@federa/contract';
import { importPublicKeyPem, keyId } from '@federa/crypto';
import { CliError, EXIT, usageError } from './errors';
import type { PrivateKey } from './private-key';

const noPublicKey = (org: Organization, why: string) =>
  new CliError(EXIT.error, {
    statusCode: 0,
    error: 'no_public_key',
    message: `organization ${org.id} ("${org.name}") has published no public key: ${why}`,
  });

const organization = (session: Session, id: number) =>
  session.call((api) => api.organizations.get({ params: { id } }));

/**
 * The input encrypted for each organization's current public key (read from the server now),
 * as `POST /task` takes it in an encrypted collaboration.
 */
export async function encryptForOrganizations(
  session: Session,
  input: TaskInput,
  organizationIds: readonly number[],
): Promise<{ id: number; input: string }[]> {
  try {
    return await encryptTaskInput(input, organizationIds, (id) => organization(session, id));
  } catch (error) {
    if (!(error instanceof MissingPublicKeyError)) throw error;
    throw noPublicKey(
      error.organization,
      'its input cannot be encrypted (its node publishes one at start)',
    );
  }
}

/**
 * Results come back encrypted for the user's organization: it needs a published key, and a
 * private key given to read them must be its pair.
 */
export async function assertOwnOrganizationKey(
  session: Session,
  privateKey: PrivateKey | undefined,
): Promise<void> {
  const me = await session.call((api) => api.users.me());
  const org = await organization(session, me.organization_id);
  if (!org.public_key) {
    throw noPublicKey(
      org,
      'the nodes could not encrypt the results for you. An organization admin creates one with `federa key generate --out FILE --publish`',
    );
  }
  const published = await publishedKeyId(org.public_key);
  if (privateKey && privateKey.keyId !== published) {
    throw usageError(
      `${privateKey.file} (key id ${privateKey.keyId}) is not the private key of your organization ${org.id} (its published key id is ${published}): the results could not be read with it`,
    );
  }
}

/** The key id of a published public key, or "unreadable". */
export async function publishedKeyId(pem: string): Promise<string> {
  try {
    return await keyId(await importPublicKeyPem(pem));
  } catch {
    return 'unreadable';
  }
}
