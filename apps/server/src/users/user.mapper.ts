import type { User } from '@federa/contract';
import { iso } from '../common/pagination';
import type { UserEntity } from './user.entity';

export const toUser = (e: UserEntity): User => ({
  id: e.id,
  username: e.username,
  email: e.email,
  firstname: e.firstname,
  lastname: e.lastname,
  organization_id: e.organizationId,
  roles: (e.roles ?? []).map((r) => r.id),
  rules: (e.rules ?? []).map((r) => r.id),
  last_seen_at: iso(e.lastSeenAt),
});
