import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type {
  Page,
  Permissions as PermissionsBody,
  User,
  UserCreate,
  UserUpdate,
} from '@federa/contract';
import { z } from 'zod';
import { UserQuerySchema } from '@federa/contract';
import { CallerCache } from '../auth/caller-cache';
import { AccessService, reaches } from '../auth/access.service';
import type { Caller, UserCaller } from '../auth/caller';
import { hashPassword } from '../auth/passwords';
import { TokensService } from '../auth/tokens.service';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { paginate } from '../common/pagination';
import { OrganizationEntity } from '../organizations/organization.entity';
import { assertCanGrant } from '../roles/grants';
import { RoleEntity } from '../roles/role.entity';
import { RuleEntity } from '../roles/rule.entity';
import { UserEntity } from './user.entity';
import { toUser } from './user.mapper';

type UserQuery = z.infer<typeof UserQuerySchema>;

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly tokens: TokensService,
    private readonly callers: CallerCache,
  ) {}

  private get repo() {
    return this.db.getRepository(UserEntity);
  }

  async list(caller: Caller | undefined, query: UserQuery): Promise<Page<User>> {
    const user = this.access.requireUser(caller);
    const qb = this.repo
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.roles', 'role')
      .leftJoinAndSelect('u.rules', 'rule')
      .orderBy('u.id');
    const reach = await this.access.reach(user, 'user', 'view');
    if (!reach.all) {
      qb.andWhere(
        reach.orgs.size ? '(u.organizationId IN (:...orgs) OR u.id = :me)' : 'u.id = :me',
        { orgs: [...reach.orgs], me: user.id },
      );
    }
    if (query.username) qb.andWhere('u.username ILIKE :un', { un: `%${query.username}%` });
    if (query.organization_id)
      qb.andWhere('u.organizationId = :oid', { oid: query.organization_id });
    if (query.role_id) {
      qb.andWhere('u.id IN (SELECT user_id FROM user_role WHERE role_id = :rid)', {
        rid: query.role_id,
      });
    }
    return paginate(qb, query, toUser);
  }

  async get(caller: Caller | undefined, id: number): Promise<User> {
    const user = this.access.requireUser(caller);
    const target = await this.load(id);
    if (target.id !== user.id) {
      await this.access.assertReaches(user, 'user', 'view', target.organizationId);
    }
    return toUser(target);
  }

  me(caller: Caller | undefined): Promise<User> {
    const user = this.access.requireUser(caller);
    return this.load(user.id).then(toUser);
  }

  permissions(caller: Caller | undefined): PermissionsBody {
    const user = this.access.requireUser(caller);
    return {
      user_id: user.id,
      organization_id: user.organizationId,
      rules: user.permissions.grants.map(({ resource, operation, scope }) => ({
        resource,
        operation,
        scope,
      })),
    };
  }

  async create(caller: Caller | undefined, body: UserCreate): Promise<User> {
    const user = this.access.requireUser(caller);
    const orgId = body.organization_id ?? user.organizationId;
    await this.access.assertReaches(user, 'user', 'create', orgId);
    if (!(await this.db.getRepository(OrganizationEntity).existsBy({ id: orgId }))) {
      throw notFound('organization', orgId);
    }
    const { roles, rules } = await this.grantable(user, orgId, body.roles, body.rules);
    if (await this.repo.existsBy({ username: body.username })) {
      throw conflict(`username "${body.username}" is taken`);
    }
    if (body.email && (await this.repo.existsBy({ email: body.email }))) {
      throw conflict(`email "${body.email}" is in use`);
    }
    const saved = await this.repo.save(
      this.repo.create({
        username: body.username,
        passwordHash: await hashPassword(body.password),
        email: body.email ?? null,
        firstname: body.firstname ?? null,
        lastname: body.lastname ?? null,
        organizationId: orgId,
        roles,
        rules,
      }),
    );
    return toUser(saved);
  }

  async update(caller: Caller | undefined, id: number, body: UserUpdate): Promise<User> {
    const user = this.access.requireUser(caller);
    const target = await this.load(id);
    const self = target.id === user.id;
    const reach = await this.access.reach(user, 'user', 'edit');
    if (!(self ? reach.all || reach.own : reaches(reach, target.organizationId))) {
      throw forbidden('you may not edit this user');
    }
    if (self && (body.roles || body.rules))
      throw forbidden('you cannot change your own roles or rules');
    if (!self && body.password !== undefined) {
      // Setting someone's password takes over their account: only for who holds all they hold.
      const held = await this.repo.findOneOrFail({
        where: { id },
        relations: { roles: { rules: true }, rules: true },
      });
      const rules = [...held.roles.flatMap((r) => r.rules), ...held.rules];
      if (rules.some((r) => !user.permissions.has(r.resource, r.operation, r.scope))) {
        throw forbidden('you cannot set the password of a user who holds rules you do not');
      }
    }
    if (body.roles || body.rules) {
      const granted = await this.grantable(
        user,
        target.organizationId,
        body.roles ?? [],
        body.rules ?? [],
      );
      if (body.roles) target.roles = granted.roles;
      if (body.rules) target.rules = granted.rules;
    }
    if (body.email !== undefined && body.email !== target.email) {
      if (await this.repo.existsBy({ email: body.email }))
        throw conflict(`email "${body.email}" is in use`);
      target.email = body.email;
    }
    if (body.firstname !== undefined) target.firstname = body.firstname;
    if (body.lastname !== undefined) target.lastname = body.lastname;
    if (body.password !== undefined) {
      target.passwordHash = await hashPassword(body.password);
      target.failedLogins = 0;
      target.lockedUntil = null;
    }
    const saved = await this.repo.save(target);
    if (body.password !== undefined) await this.tokens.revokeAll('user', target.id);
    await this.callers.invalidate();
    return toUser(saved);
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    const target = await this.load(id);
    const reach = await this.access.reach(user, 'user', 'delete');
    const self = target.id === user.id;
    if (!(self ? reach.all || reach.own : reaches(reach, target.organizationId))) {
      throw forbidden('you may not delete this user');
    }
    await this.db.transaction(async (tx) => {
      // Tasks outlive their author: keep them, forget who made them.
      await tx.query('UPDATE task SET "initUserId" = NULL WHERE "initUserId" = $1', [id]);
      await tx.delete(UserEntity, { id });
    });
    await this.tokens.revokeAll('user', id);
  }

  private async load(id: number): Promise<UserEntity> {
    const user = await this.repo.findOne({
      where: { id },
      relations: { roles: true, rules: true },
    });
    if (!user) throw notFound('user', id);
    return user;
  }

  /** Loads the roles and rules to grant, refusing unknown ids, foreign roles and escalation. */
  private async grantable(user: UserCaller, orgId: number, roleIds: number[], ruleIds: number[]) {
    const roles = roleIds.length
      ? await this.db.getRepository(RoleEntity).find({
          where: { id: In(roleIds) },
          relations: { rules: true },
        })
      : [];
    const rules = ruleIds.length
      ? await this.db.getRepository(RuleEntity).findBy({ id: In(ruleIds) })
      : [];
    const missingRole = roleIds.find((rid) => !roles.some((r) => r.id === rid));
    if (missingRole !== undefined) throw badRequest(`role ${missingRole} does not exist`);
    const missingRule = ruleIds.find((rid) => !rules.some((r) => r.id === rid));
    if (missingRule !== undefined) throw badRequest(`rule ${missingRule} does not exist`);
    const foreign = roles.find((r) => r.organizationId !== null && r.organizationId !== orgId);
    if (foreign) throw badRequest(`role ${foreign.id} belongs to another organization`);
    assertCanGrant(user.permissions, [...roles.flatMap((r) => r.rules), ...rules]);
    return { roles, rules };
  }
}
