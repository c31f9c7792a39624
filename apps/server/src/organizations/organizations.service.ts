import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  Organization,
  OrganizationCreate,
  OrganizationUpdate,
  Page,
  PageQuery,
} from '@federa/contract';
import { assertPublicKey } from '../tasks/encryption-policy';
import { AccessService, reaches } from '../auth/access.service';
import type { Caller } from '../auth/caller';
import { conflict, forbidden, notFound } from '../common/app-error';
import { paginate, whereOrgIn } from '../common/pagination';
import { OrganizationEntity } from './organization.entity';
import { toOrganization } from './organization.mapper';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  private get repo() {
    return this.db.getRepository(OrganizationEntity);
  }

  async list(
    caller: Caller | undefined,
    query: PageQuery & { name?: string; collaboration_id?: number },
  ): Promise<Page<Organization>> {
    const c = this.access.requireCaller(caller);
    const qb = this.repo.createQueryBuilder('o').orderBy('o.id');
    if (c.kind === 'user') {
      const reach = await this.access.reach(c, 'organization', 'view');
      if (!reach.all) whereOrgIn(qb, 'o.id', reach.orgs, 'reach');
    } else {
      // nodes and containers see the organizations of their collaboration
      qb.andWhere(
        'o.id IN (SELECT organization_id FROM collaboration_member WHERE collaboration_id = :own)',
        { own: c.collaborationId },
      );
    }
    if (query.name) qb.andWhere('o.name ILIKE :name', { name: `%${query.name}%` });
    if (query.collaboration_id) {
      qb.andWhere(
        'o.id IN (SELECT organization_id FROM collaboration_member WHERE collaboration_id = :cid)',
        { cid: query.collaboration_id },
      );
    }
    return paginate(qb, query, toOrganization);
  }

  async get(caller: Caller | undefined, id: number): Promise<Organization> {
    const c = this.access.requireCaller(caller);
    const org = await this.repo.findOneBy({ id });
    if (!org) throw notFound('organization', id);
    if (c.kind === 'user') {
      await this.access.assertReaches(c, 'organization', 'view', id);
    } else if (!(await this.access.isMember(c.collaborationId, id))) {
      throw forbidden('this organization is not in your collaboration');
    }
    return toOrganization(org);
  }

  async create(caller: Caller | undefined, body: OrganizationCreate): Promise<Organization> {
    const user = this.access.requireUser(caller);
    if (!user.permissions.has('organization', 'create', 'global')) {
      throw forbidden('you may not create organizations');
    }
    if (await this.repo.existsBy({ name: body.name })) {
      throw conflict(`an organization named "${body.name}" exists`);
    }
    if (body.public_key !== undefined) await assertPublicKey(body.public_key);
    const org = await this.repo.save(
      this.repo.create({
        name: body.name,
        domain: body.domain ?? null,
        address: body.address ?? null,
        country: body.country ?? null,
        publicKey: body.public_key ?? null,
      }),
    );
    return toOrganization(org);
  }

  async update(
    caller: Caller | undefined,
    id: number,
    body: OrganizationUpdate,
  ): Promise<Organization> {
    const c = this.access.requireCaller(caller);
    const org = await this.repo.findOneBy({ id });
    if (!org) throw notFound('organization', id);
    if (c.kind === 'node') {
      // A node may publish its own organization's public key, nothing else.
      const onlyKey = Object.keys(body).every((k) => k === 'public_key');
      if (c.organizationId !== id || !onlyKey) {
        throw forbidden("a node may only set its own organization's public key");
      }
    } else if (c.kind === 'user') {
      if (!reaches(await this.access.reach(c, 'organization', 'edit'), id)) {
        throw forbidden('you may not edit this organization');
      }
    } else {
      throw forbidden('algorithm containers may not edit organizations');
    }
    if (body.name && body.name !== org.name && (await this.repo.existsBy({ name: body.name }))) {
      throw conflict(`an organization named "${body.name}" exists`);
    }
    if (body.public_key) await assertPublicKey(body.public_key);
    Object.assign(org, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.domain !== undefined && { domain: body.domain }),
      ...(body.address !== undefined && { address: body.address }),
      ...(body.country !== undefined && { country: body.country }),
      ...(body.public_key !== undefined && { publicKey: body.public_key }),
    });
    return toOrganization(await this.repo.save(org));
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    if (!user.permissions.has('organization', 'delete', 'global')) {
      throw forbidden('you may not delete organizations');
    }
    if (user.organizationId === id) throw forbidden('you cannot delete your own organization');
    if (!(await this.repo.existsBy({ id }))) throw notFound('organization', id);
    try {
      await this.repo.delete({ id });
    } catch {
      throw conflict('the organization still has users, nodes or tasks; delete those first');
    }
  }
}
