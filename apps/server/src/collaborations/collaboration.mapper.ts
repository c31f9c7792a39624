import type { Collaboration, Study } from '@federa/contract';
import type { CollaborationEntity } from './collaboration.entity';
import type { StudyEntity } from './study.entity';

const ids = (orgs: { id: number }[] | undefined) =>
  (orgs ?? []).map((o) => o.id).sort((a, b) => a - b);

export const toCollaboration = (e: CollaborationEntity): Collaboration => ({
  id: e.id,
  name: e.name,
  encrypted: e.encrypted,
  organization_ids: ids(e.organizations),
});

export const toStudy = (e: StudyEntity): Study => ({
  id: e.id,
  name: e.name,
  collaboration_id: e.collaborationId,
  organization_ids: ids(e.organizations),
});
