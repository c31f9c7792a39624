import { RefreshTokenEntity } from '../auth/session.entity';
import { CollaborationEntity } from '../collaborations/collaboration.entity';
import { StudyEntity } from '../collaborations/study.entity';
import { NodeEntity } from '../nodes/node.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { RoleEntity } from '../roles/role.entity';
import { RuleEntity } from '../roles/rule.entity';
import { RunEntity } from '../runs/run.entity';
import { TaskEntity } from '../tasks/task.entity';
import { UserEntity } from '../users/user.entity';
import { ServerSecretEntity } from './server-secret.entity';

export const ENTITIES = [
  OrganizationEntity,
  CollaborationEntity,
  StudyEntity,
  RuleEntity,
  RoleEntity,
  UserEntity,
  NodeEntity,
  TaskEntity,
  RunEntity,
  RefreshTokenEntity,
  ServerSecretEntity,
];
