import type { Task } from '@federa/contract';
import { iso } from '../common/pagination';
import type { TaskEntity } from './task.entity';

/** `organizationIds` are the organizations the task's runs were made for. */
export const toTask = (e: TaskEntity, organizationIds: number[]): Task => ({
  id: e.id,
  name: e.name,
  description: e.description,
  image: e.image,
  collaboration_id: e.collaborationId,
  study_id: e.studyId,
  parent_id: e.parentId,
  job_id: e.jobId,
  init_org_id: e.initOrgId,
  init_user_id: e.initUserId,
  databases: e.databases,
  status: e.status,
  complete: e.finishedAt !== null,
  organization_ids: organizationIds,
  created_at: e.createdAt.toISOString(),
  finished_at: iso(e.finishedAt),
});
