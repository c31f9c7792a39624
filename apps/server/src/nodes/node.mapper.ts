import type { Node } from '@federa/contract';
import { iso } from '../common/pagination';
import type { NodeEntity } from './node.entity';

export const toNode = (e: NodeEntity): Node => ({
  id: e.id,
  name: e.name,
  organization_id: e.organizationId,
  collaboration_id: e.collaborationId,
  status: e.status,
  last_seen_at: iso(e.lastSeenAt),
});
