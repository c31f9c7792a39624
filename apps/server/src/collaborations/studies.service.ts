import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import type { Page, Study, StudyCreate } from '@federa/contract';
import { StudyQuerySchema } from '@federa/contract';
import { AccessService } from '../auth/access.service';
import type { Caller } from '../auth/caller';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { paginate } from '../common/pagination';
import { OrganizationEntity } from '../organizations/organization.entity';
import { CollaborationsService } from './collaborations.service';
import { toStudy } from './collaboration.mapper';
import { StudyEntity } from './study.entity';

@Injectable()
export class StudiesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly collaborations: CollaborationsService,
  ) {}

  private get repo() {
    return this.db.getRepository(StudyEntity);
  }

  async list(
    caller: Caller | undefined,
    query: z.infer<typeof StudyQuerySchema>,
  ): Promise<Page<Study>> {
    const c = this.access.requireCaller(caller);
    const qb = this.repo
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.organizations', 'o')
      .orderBy('s.id');
    if (c.kind !== 'user') {
      qb.andWhere('s.collaborationId = :own', { own: c.collaborationId });
    } else {
      const scope = c.permissions.scope('study', 'view');
      if (scope === null || scope === 'own') qb.andWhere('1 = 0');
      else if (scope === 'organization') {
        qb.andWhere('s.id IN (SELECT study_id FROM study_member WHERE organization_id = :me)', {
          me: c.organizationId,
        });
      } else if (scope === 'collaboration') {
        qb.andWhere(
          's.collaborationId IN (SELECT collaboration_id FROM collaboration_member WHERE organization_id = :me)',
          { me: c.organizationId },
        );
      }
    }
    if (query.collaboration_id)
      qb.andWhere('s.collaborationId = :cid', { cid: query.collaboration_id });
    if (query.organization_id) {
      qb.andWhere('s.id IN (SELECT study_id FROM study_member WHERE organization_id = :oid)', {
        oid: query.organization_id,
      });
    }
    return paginate(qb, query, toStudy);
  }

  async get(caller: Caller | undefined, id: number): Promise<Study> {
    const study = await this.load(id);
    const collab = await this.collaborations.visible(caller, study.collaborationId);
    // As in list(): study view at organization scope shows only the studies of your organization.
    if (caller?.kind === 'user') {
      const scope = caller.permissions.scope('study', 'view');
      const me = caller.organizationId;
      const ok =
        scope === 'global' ||
        (scope === 'collaboration' && collab.organizations.some((o) => o.id === me)) ||
        (scope === 'organization' && study.organizations.some((o) => o.id === me));
      if (!ok) throw forbidden('you may not see this study');
    }
    return toStudy(study);
  }

  async create(caller: Caller | undefined, body: StudyCreate): Promise<Study> {
    const user = this.access.requireUser(caller);
    const collab = await this.collaborations.load(body.collaboration_id);
    this.assertCollaborationScope(
      user,
      'create',
      collab.organizations.map((o) => o.id),
    );
    const outside = body.organization_ids.find(
      (id) => !collab.organizations.some((o) => o.id === id),
    );
    if (outside !== undefined) {
      throw badRequest(`organization ${outside} is not a member of collaboration ${collab.id}`);
    }
    if (await this.repo.existsBy({ name: body.name }))
      throw conflict(`a study named "${body.name}" exists`);
    const organizations = await this.db
      .getRepository(OrganizationEntity)
      .findBy({ id: In(body.organization_ids) });
    const saved = await this.repo.save(
      this.repo.create({ name: body.name, collaborationId: collab.id, organizations }),
    );
    return toStudy(saved);
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    const study = await this.load(id);
    const collab = await this.collaborations.load(study.collaborationId);
    this.assertCollaborationScope(
      user,
      'delete',
      collab.organizations.map((o) => o.id),
    );
    await this.repo.delete({ id });
  }

  private assertCollaborationScope(
    user: Extract<Caller, { kind: 'user' }>,
    op: 'create' | 'delete',
    members: number[],
  ): void {
    const scope = user.permissions.scope('study', op);
    const ok =
      scope === 'global' || (scope === 'collaboration' && members.includes(user.organizationId));
    if (!ok) throw forbidden(`you may not ${op} studies in this collaboration`);
  }

  private async load(id: number): Promise<StudyEntity> {
    const study = await this.repo.findOne({ where: { id }, relations: { organizations: true } });
    if (!study) throw notFound('study', id);
    return study;
  }
}
