import { ok } from '@federa/client';
import { importPublicKeyPem, keyId } from '@federa/crypto';
import type { Logger } from '../logger';
import type { ServerSession } from '../server/session';
import type { OrgKey } from './org-key';

/** The key id of a published PEM; undefined when it is not a usable public key. */
async function publishedKeyId(pem: string): Promise<string | undefined> {
  try {
    return await keyId(await importPublicKeyPem(pem));
  } catch {
    return undefined;
  }
}

/**
 * Makes sure the organization's published public key is this node's. A different published
 * key is never overwritten silently (vantage6 did, and every input encrypted for the old key
 * became unreadable): the node refuses to start, unless `replace` says to overwrite it.
 */
export async function publishOrgKey(
  session: ServerSession,
  organizationId: number,
  key: OrgKey,
  replace: boolean,
  log: Logger,
): Promise<void> {
  const published = async () =>
    ok(await session.call((api) => api.organizations.get({ params: { id: organizationId } })))
      .public_key;
  const current = await published();
  const currentId = current === null ? undefined : await publishedKeyId(current);
  if (currentId === key.keyId) return;
  if (current !== null && !replace) {
    throw new Error(
      `organization ${organizationId} has published a different public key` +
        ` (key id ${currentId ?? 'unreadable'}) than the one in ${key.file} (key id ${key.keyId}).` +
        ' The node does not overwrite it: what was encrypted for the published key would become' +
        ' unreadable. Configure the private key that belongs to the published one, or have an' +
        ' administrator replace the key (or set encryption.replace_public_key: true).',
    );
  }
  ok(
    await session.call((api) =>
      api.organizations.update({
        params: { id: organizationId },
        body: { public_key: key.publicKeyPem },
      }),
    ),
  );
  // Another node of the organization may have published its own key at the same moment.
  const after = await published();
  if (after === null || (await publishedKeyId(after)) !== key.keyId) {
    throw new Error(
      `organization ${organizationId}'s public key changed while this node published its own: is another node using a different private key?`,
    );
  }
  if (current === null) log.info({ key_id: key.keyId }, "published the organization's public key");
  else
    log.warn({ key_id: key.keyId, replaced: currentId }, "replaced the organization's public key");
}
