import type { SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../auth/caller';
import type { TaskEntity } from './task.entity';

/**
 * Restricts a task query (alias `t`) to what the caller may see: by task view scope for users
 * (own: tasks they made; organization: made by their org; collaboration: in their
 * collaborations), the node's collaboration for nodes, the own task and its subtasks for
 * containers.
 */
export function restrictTasks(
  qb: SelectQueryBuilder<TaskEntity>,
  caller: Caller,
): SelectQueryBuilder<TaskEntity> {
  switch (caller.kind) {
    case 'node':
      return qb.andWhere('t.collaborationId = :own', { own: caller.collaborationId });
    case 'container':
      return qb.andWhere('(t.id = :ctask OR t.parentId = :ctask)', { ctask: caller.taskId });
    case 'user': {
      const scope = caller.permissions.scope('task', 'view');
      switch (scope) {
        case 'global':
          return qb;
        case 'collaboration':
          return qb.andWhere(
            't.collaborationId IN (SELECT collaboration_id FROM collaboration_member WHERE organization_id = :me)',
            { me: caller.organizationId },
          );
        case 'organization':
          return qb.andWhere('t.initOrgId = :me', { me: caller.organizationId });
        case 'own':
          return qb.andWhere('t.initUserId = :uid', { uid: caller.id });
        case null:
          return qb.andWhere('1 = 0');
      }
    }
  }
}
