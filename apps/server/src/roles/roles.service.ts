import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import type { Page, Role, RoleCreate, RoleUpdate, Rule } from '@federa/contract';
import { RoleQuerySchema, RuleQuerySchema } from '@federa/contract';
import { CallerCache } from '../auth/caller-cache';
import { AccessService, reaches } from '../auth/access.service';
import type { Caller } from '../auth/caller';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { paginate } from '../common/pagination';
import { assertCanGrant } from './grants';
import { toRole, toRule } from './role.mapper';
import { RoleEntity } from './role.entity';
import { RuleEntity } from './rule.entity';

@Injectable()
export class RolesService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly callers: CallerCache,
  ) {}

  private get repo() {
    return this.db.getRepository(RoleEntity);
  }

  async rules(
    caller: Caller | undefined,
    query: z.infer<typeof RuleQuerySchema>,
  ): Promise<Page<Rule>> {
    this.access.requireUser(caller);
    const qb = this.db.getRepository(RuleEntity).createQueryBuilder('r').orderBy('r.id');
    if (query.resource) qb.andWhere('r.resource = :res', { res: query.resource });
    if (query.operation) qb.andWhere('r.operation = :op', { op: query.operation });
    if (query.scope) qb.andWhere('r.scope = :sc', { sc: query.scope });
    if (query.role_id) {
      qb.andWhere('r.id IN (SELECT rule_id FROM role_rule WHERE role_id = :rid)', {
        rid: query.role_id,
      });
    }
    return paginate(qb, query, toRule);
  }

  async list(
    caller: Caller | undefined,
    query: z.infer<typeof RoleQuerySchema>,
  ): Promise<Page<Role>> {
    const user = this.access.requireUser(caller);
    const reach = await this.access.reach(user, 'role', 'view');
    const qb = this.repo
      .createQueryBuilder('role')
      .leftJoinAndSelect('role.rules', 'rule')
      .orderBy('role.id');
    if (!reach.all) {
      // default roles (no organization) are visible to everyone
      qb.andWhere(
        reach.orgs.size
          ? '(role.organizationId IS NULL OR role.organizationId IN (:...orgs))'
          : 'role.organizationId IS NULL',
        { orgs: [...reach.orgs] },
      );
    }
    if (query.organization_id)
      qb.andWhere('role.organizationId = :oid', { oid: query.organization_id });
    if (query.name) qb.andWhere('role.name ILIKE :name', { name: `%${query.name}%` });
    return paginate(qb, query, toRole);
  }

  async get(caller: Caller | undefined, id: number): Promise<Role> {
    const user = this.access.requireUser(caller);
    const role = await this.load(id);
    if (role.organizationId !== null) {
      await this.access.assertReaches(user, 'role', 'view', role.organizationId);
    }
    return toRole(role);
  }

  async create(caller: Caller | undefined, body: RoleCreate): Promise<Role> {
    const user = this.access.requireUser(caller);
    const orgId = body.organization_id ?? user.organizationId;
    await this.access.assertReaches(user, 'role', 'create', orgId);
    const rules = await this.loadRules(body.rules);
    assertCanGrant(user.permissions, rules);
    if (await this.repo.existsBy({ name: body.name, organizationId: orgId })) {
      throw conflict(`role "${body.name}" exists in this organization`);
    }
    const role = await this.repo.save(
      this.repo.create({
        name: body.name,
        description: body.description ?? null,
        organizationId: orgId,
        isDefault: false,
        rules,
      }),
    );
    return toRole(role);
  }

  async update(caller: Caller | undefined, id: number, body: RoleUpdate): Promise<Role> {
    const user = this.access.requireUser(caller);
    const role = await this.editable(user, id, 'edit');
    if (body.rules) {
      const rules = await this.loadRules(body.rules);
      assertCanGrant(user.permissions, rules);
      role.rules = rules;
    }
    if (body.name !== undefined) role.name = body.name;
    if (body.description !== undefined) role.description = body.description;
    const saved = await this.repo.save(role);
    await this.callers.invalidate();
    return toRole(saved);
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    await this.editable(user, id, 'delete');
    await this.repo.delete({ id });
    await this.callers.invalidate();
  }

  private async editable(
    user: Parameters<AccessService['reach']>[0],
    id: number,
    op: 'edit' | 'delete',
  ) {
    const role = await this.load(id);
    if (role.isDefault || role.organizationId === null)
      throw forbidden('default roles are read-only');
    if (!reaches(await this.access.reach(user, 'role', op), role.organizationId)) {
      throw forbidden(`you may not ${op} this role`);
    }
    return role;
  }

  private async load(id: number): Promise<RoleEntity> {
    const role = await this.repo.findOne({ where: { id }, relations: { rules: true } });
    if (!role) throw notFound('role', id);
    return role;
  }

  private async loadRules(ids: number[]): Promise<RuleEntity[]> {
    if (!ids.length) return [];
    const rules = await this.db.getRepository(RuleEntity).findBy({ id: In(ids) });
    const missing = ids.find((id) => !rules.some((r) => r.id === id));
    if (missing !== undefined) throw badRequest(`rule ${missing} does not exist`);
    return rules;
  }
}
