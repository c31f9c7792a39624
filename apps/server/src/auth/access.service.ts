import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Operation, Resource } from '@federa/contract';
import { AppError, forbidden } from '../common/app-error';
import type { Caller, ContainerCaller, NodeCaller, UserCaller } from './caller';

/** Which organizations' things a caller may act on: every one, or a set (maybe empty). */
export type OrgReach = { all: true } | { all: false; orgs: Set<number>; own: boolean };

/** Answers the scope questions of RBAC: "does this caller reach that organization?". */
@Injectable()
export class AccessService {
  constructor(private readonly db: DataSource) {}

  requireCaller(caller: Caller | undefined): Caller {
    if (!caller) throw new AppError('unauthorized', 'authentication required');
    return caller;
  }

  requireUser(caller: Caller | undefined): UserCaller {
    const c = this.requireCaller(caller);
    if (c.kind !== 'user') throw forbidden(`only users may do this, not a ${c.kind}`);
    return c;
  }

  requireNode(caller: Caller | undefined): NodeCaller {
    const c = this.requireCaller(caller);
    if (c.kind !== 'node') throw forbidden(`only nodes may do this, not a ${c.kind}`);
    return c;
  }

  requireContainer(caller: Caller | undefined): ContainerCaller {
    const c = this.requireCaller(caller);
    if (c.kind !== 'container') throw forbidden(`only algorithm containers may do this`);
    return c;
  }

  /** The organizations whose `resource` a user may `operation`, by the widest scope held. */
  async reach(user: UserCaller, resource: Resource, operation: Operation): Promise<OrgReach> {
    const scope = user.permissions.scope(resource, operation);
    switch (scope) {
      case 'global':
        return { all: true };
      case 'collaboration':
        return { all: false, orgs: await this.partnersOf(user.organizationId), own: true };
      case 'organization':
        return { all: false, orgs: new Set([user.organizationId]), own: true };
      case 'own':
        return { all: false, orgs: new Set(), own: true };
      case null:
        return { all: false, orgs: new Set(), own: false };
    }
  }

  /** Throws 403 unless the user reaches `orgId` for this resource and operation. */
  async assertReaches(
    user: UserCaller,
    resource: Resource,
    operation: Operation,
    orgId: number,
  ): Promise<void> {
    const reach = await this.reach(user, resource, operation);
    if (!reaches(reach, orgId)) {
      throw forbidden(`you may not ${operation} this ${resource}`);
    }
  }

  /** The collaborations an organization is a member of. */
  async collaborationsOf(orgId: number): Promise<number[]> {
    const rows: { collaboration_id: number }[] = await this.db.query(
      'SELECT collaboration_id FROM collaboration_member WHERE organization_id = $1',
      [orgId],
    );
    return rows.map((r) => r.collaboration_id);
  }

  async isMember(collaborationId: number, orgId: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM collaboration_member WHERE collaboration_id = $1 AND organization_id = $2',
      [collaborationId, orgId],
    );
    return rows.length > 0;
  }

  /** The organization itself and every organization it shares a collaboration with. */
  async partnersOf(orgId: number): Promise<Set<number>> {
    const rows: { organization_id: number }[] = await this.db.query(
      `SELECT DISTINCT m2.organization_id FROM collaboration_member m1
       JOIN collaboration_member m2 ON m2.collaboration_id = m1.collaboration_id
       WHERE m1.organization_id = $1`,
      [orgId],
    );
    return new Set([orgId, ...rows.map((r) => r.organization_id)]);
  }
}

export const reaches = (reach: OrgReach, orgId: number): boolean =>
  reach.all || reach.orgs.has(orgId);
