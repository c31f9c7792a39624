import { ok } from '@federa/client';
import type { Node, NodeConfig } from '@federa/contract';
import type { Logger } from '../logger';
import type { ServerSession } from '../server/session';
import { EnvelopeCodec } from './envelope-codec';
import { loadOrCreateOrgKey } from './org-key';
import { plainCodec, type PayloadCodec } from './payload-codec';
import { publishOrgKey } from './publish-key';

/**
 * At start: reads whether the node's collaboration is encrypted, loads (or creates) and
 * publishes the organization's key when one is configured, and picks the codec. Throws, with
 * what to do, when the node cannot take part as configured.
 */
export async function prepareEncryption(
  config: NodeConfig,
  session: ServerSession,
  node: Node,
  log: Logger,
): Promise<PayloadCodec> {
  const collaboration = ok(
    await session.call((api) => api.collaborations.get({ params: { id: node.collaboration_id } })),
  );
  if (!config.encryption) {
    if (!collaboration.encrypted) return plainCodec;
    throw new Error(
      `collaboration ${collaboration.id} ("${collaboration.name}") is encrypted: set encryption.private_key` +
        " in the node's config to the organization's private key file (a new key pair is created there when the file does not exist)",
    );
  }
  const key = await loadOrCreateOrgKey(config.encryption.private_key, log);
  await publishOrgKey(
    session,
    node.organization_id,
    key,
    config.encryption.replace_public_key,
    log,
  );
  log.info(
    { key_id: key.keyId, encrypted: collaboration.encrypted },
    collaboration.encrypted ? 'end-to-end encryption on' : 'the collaboration is not encrypted',
  );
  return collaboration.encrypted ? new EnvelopeCodec(session, key) : plainCodec;
}
