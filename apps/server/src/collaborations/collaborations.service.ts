import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import type {
  Collaboration,
  CollaborationCreate,
  CollaborationUpdate,
  Page,
} from '@federa/contract';
import { CollaborationQuerySchema } from '@federa/contract';
import { AccessService } from '../auth/access.service';
import type { Caller, UserCaller } from '../auth/caller';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { paginate } from '../common/pagination';
import { OrganizationEntity } from '../organizations/organization.entity';
import { CollaborationEntity } from './collaboration.entity';
import { toCollaboration } from './collaboration.mapper';

const MEMBER_OF =
  'c.id IN (SELECT collaboration_id FROM collaboration_member WHERE organization_id = :me)';

@Injectable()
export class CollaborationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  private get repo() {
    return this.db.getRepository(CollaborationEntity);
  }

  async list(
    caller: Caller | undefined,
    query: z.infer<typeof CollaborationQuerySchema>,
  ): Promise<Page<Collaboration>> {
    const c = this.access.requireCaller(caller);
    const qb = this.repo
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.organizations', 'o')
      .orderBy('c.id');
    if (c.kind !== 'user') {
      qb.andWhere('c.id = :own', { own: c.collaborationId });
    } else {
      const scope = c.permissions.scope('collaboration', 'view');
      if (scope === null) qb.andWhere('1 = 0');
      else if (scope !== 'global') qb.andWhere(MEMBER_OF, { me: c.organizationId });
    }
    if (query.name) qb.andWhere('c.name ILIKE :name', { name: `%${query.name}%` });
    if (query.encrypted !== undefined) qb.andWhere('c.encrypted = :enc', { enc: query.encrypted });
    if (query.organization_id) {
      qb.andWhere(
        'c.id IN (SELECT collaboration_id FROM collaboration_member WHERE organization_id = :oid)',
        { oid: query.organization_id },
      );
    }
    return paginate(qb, query, toCollaboration);
  }

  async get(caller: Caller | undefined, id: number): Promise<Collaboration> {
    return toCollaboration(await this.visible(caller, id));
  }

  /** Loads a collaboration the caller may see (404 unknown, 403 not visible). */
  async visible(caller: Caller | undefined, id: number): Promise<CollaborationEntity> {
    const c = this.access.requireCaller(caller);
    const collab = await this.load(id);
    const allowed =
      c.kind !== 'user'
        ? c.collaborationId === id
        : c.permissions.has('collaboration', 'view', 'global') ||
          (c.permissions.has('collaboration', 'view', 'organization') &&
            collab.organizations.some((o) => o.id === c.organizationId));
    if (!allowed) throw forbidden('you may not see this collaboration');
    return collab;
  }

  async create(caller: Caller | undefined, body: CollaborationCreate): Promise<Collaboration> {
    const user = this.access.requireUser(caller);
    if (!user.permissions.has('collaboration', 'create', 'global')) {
      throw forbidden('you may not create collaborations');
    }
    const organizations = await this.organizations(body.organization_ids);
    if (await this.repo.existsBy({ name: body.name })) {
      throw conflict(`a collaboration named "${body.name}" exists`);
    }
    const saved = await this.repo.save(
      this.repo.create({ name: body.name, encrypted: body.encrypted, organizations }),
    );
    return toCollaboration(saved);
  }

  async update(
    caller: Caller | undefined,
    id: number,
    body: CollaborationUpdate,
  ): Promise<Collaboration> {
    const user = this.access.requireUser(caller);
    const collab = await this.editable(user, id);
    if (body.organization_ids) {
      this.assertGlobalEdit(user);
      collab.organizations = await this.organizations(body.organization_ids);
    }
    if (body.name !== undefined && body.name !== collab.name) {
      if (await this.repo.existsBy({ name: body.name })) {
        throw conflict(`a collaboration named "${body.name}" exists`);
      }
      collab.name = body.name;
    }
    if (body.encrypted !== undefined) collab.encrypted = body.encrypted;
    return toCollaboration(await this.repo.save(collab));
  }

  async addOrganization(
    caller: Caller | undefined,
    id: number,
    orgId: number,
  ): Promise<Collaboration> {
    const user = this.access.requireUser(caller);
    const collab = await this.editable(user, id);
    this.assertGlobalEdit(user);
    const [org] = await this.organizations([orgId]);
    if (!collab.organizations.some((o) => o.id === orgId)) collab.organizations.push(org!);
    return toCollaboration(await this.repo.save(collab));
  }

  async removeOrganization(
    caller: Caller | undefined,
    id: number,
    orgId: number,
  ): Promise<Collaboration> {
    const user = this.access.requireUser(caller);
    const collab = await this.editable(user, id);
    this.assertGlobalEdit(user);
    if (!collab.organizations.some((o) => o.id === orgId)) {
      throw notFound(`organization ${orgId} in collaboration`, id);
    }
    const open: unknown[] = await this.db.query(
      `SELECT 1 FROM run WHERE "collaborationId" = $1 AND "organizationId" = $2 AND "finishedAt" IS NULL LIMIT 1`,
      [id, orgId],
    );
    if (open.length) throw conflict('the organization still has open runs in this collaboration');
    collab.organizations = collab.organizations.filter((o) => o.id !== orgId);
    return toCollaboration(await this.repo.save(collab));
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    const collab = await this.load(id);
    const scope = user.permissions.scope('collaboration', 'delete');
    const member = collab.organizations.some((o) => o.id === user.organizationId);
    if (!(scope === 'global' || (scope === 'collaboration' && member))) {
      throw forbidden('you may not delete this collaboration');
    }
    const used: unknown[] = await this.db.query(
      `SELECT 1 FROM task WHERE "collaborationId" = $1 UNION ALL SELECT 1 FROM node WHERE "collaborationId" = $1 LIMIT 1`,
      [id],
    );
    if (used.length)
      throw conflict('the collaboration still has tasks or nodes; delete those first');
    await this.repo.delete({ id });
  }

  async load(id: number): Promise<CollaborationEntity> {
    // One statement (findOne with a relation sends two).
    const collab = await this.repo
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.organizations', 'o')
      .where('c.id = :id', { id })
      .getOne();
    if (!collab) throw notFound('collaboration', id);
    return collab;
  }

  private async editable(user: UserCaller, id: number): Promise<CollaborationEntity> {
    const collab = await this.load(id);
    const scope = user.permissions.scope('collaboration', 'edit');
    const member = collab.organizations.some((o) => o.id === user.organizationId);
    if (!(scope === 'global' || (scope === 'collaboration' && member))) {
      throw forbidden('you may not edit this collaboration');
    }
    return collab;
  }

  /** Changing who is in a collaboration needs global scope, on every route (vantage6 fault 16). */
  private assertGlobalEdit(user: UserCaller): void {
    if (!user.permissions.has('collaboration', 'edit', 'global')) {
      throw forbidden('changing the members of a collaboration needs global collaboration edit');
    }
  }

  private async organizations(ids: number[]): Promise<OrganizationEntity[]> {
    if (!ids.length) return [];
    const orgs = await this.db.getRepository(OrganizationEntity).findBy({ id: In(ids) });
    const missing = ids.find((id) => !orgs.some((o) => o.id === id));
    if (missing !== undefined) throw badRequest(`organization ${missing} does not exist`);
    return orgs;
  }
}
