import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { NodeEntity } from '../nodes/node.entity';
import { RunEntity } from '../runs/run.entity';
import { TaskEntity } from '../tasks/task.entity';
import { UserEntity } from '../users/user.entity';
import { type Caller, type Grant, Permissions } from './caller';
import { CallerCache } from './caller-cache';
import { type AccessClaims, TokensService } from './tokens.service';
import { isFinished } from '@federa/contract';

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** Turns a bearer token into the caller it speaks for, checking the subject still exists. */
@Injectable()
export class CallerResolver {
  constructor(
    private readonly tokens: TokensService,
    private readonly db: DataSource,
    private readonly cache: CallerCache,
  ) {}

  async resolve(token: string): Promise<Caller> {
    return (await this.resolveWithExpiry(token)).caller;
  }

  /** The caller and when its token expires (ms since the epoch), for long-lived sockets. */
  async resolveWithExpiry(token: string): Promise<{ caller: Caller; expiresAt: number }> {
    const claims = this.tokens.verifyAccess(token);
    const expiresAt = (claims.exp ?? 0) * 1000;
    // A container token is good only while its run is open, which changes without notice here.
    const caller =
      claims.kind === 'container'
        ? await this.container(Number(claims.sub), claims.run)
        : await this.cache.get(`${claims.kind}:${claims.sub}:${claims.sid ?? ''}`, () =>
            this.load(claims),
          );
    return { caller, expiresAt };
  }

  private async load(claims: AccessClaims): Promise<Caller> {
    // Logging out or changing a password ends the login's access tokens too, not only its
    // refresh token.
    if (claims.sid && (await this.tokens.isRevoked(claims.sid))) {
      throw new AppError('unauthorized', 'this session was logged out; log in again');
    }
    return this.subject(claims);
  }

  private async subject(claims: AccessClaims): Promise<Caller> {
    const id = Number(claims.sub);
    switch (claims.kind) {
      case 'user':
        return this.user(id);
      case 'node':
        return this.node(id);
      case 'container':
        return this.container(id, claims.run);
    }
  }

  private async user(id: number): Promise<Caller> {
    // One statement: the user and every rule held, through roles or directly.
    const rows: (Partial<Grant> & { organizationId: number; lastSeenAt: Date | null })[] =
      await this.db.query(
        `SELECT u."organizationId", u."lastSeenAt", g.resource, g.operation, g.scope
         FROM "user" u LEFT JOIN (
           SELECT ur.user_id, r.resource, r.operation, r.scope FROM user_role ur
             JOIN role_rule rr ON rr.role_id = ur.role_id JOIN rule r ON r.id = rr.rule_id
           UNION ALL
           SELECT uru.user_id, r.resource, r.operation, r.scope FROM user_rule uru
             JOIN rule r ON r.id = uru.rule_id
         ) g ON g.user_id = u.id
         WHERE u.id = $1`,
        [id],
      );
    const user = rows[0];
    if (!user) throw new AppError('unauthorized', 'user no longer exists');
    const now = Date.now();
    if (!user.lastSeenAt || now - user.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
      await this.db.getRepository(UserEntity).update({ id }, { lastSeenAt: new Date(now) });
    }
    const grants = rows.filter((g): g is Grant & typeof user => g.resource != null);
    return {
      kind: 'user',
      id,
      organizationId: user.organizationId,
      permissions: new Permissions(
        grants.map(({ resource, operation, scope }) => ({ resource, operation, scope })),
      ),
    };
  }

  private async node(id: number): Promise<Caller> {
    const node = await this.db.getRepository(NodeEntity).findOneBy({ id });
    if (!node) throw new AppError('unauthorized', 'node no longer exists');
    return {
      kind: 'node',
      id,
      organizationId: node.organizationId,
      collaborationId: node.collaborationId,
    };
  }

  /** A container token is good only while its run is open. */
  private async container(nodeId: number, runId: number | undefined): Promise<Caller> {
    const run = runId ? await this.db.getRepository(RunEntity).findOneBy({ id: runId }) : null;
    if (!run || run.nodeId !== nodeId || isFinished(run.status)) {
      throw new AppError('unauthorized', 'container token no longer valid: its run has ended');
    }
    const task = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: run.taskId });
    return {
      kind: 'container',
      runId: run.id,
      taskId: task.id,
      nodeId,
      organizationId: run.organizationId,
      collaborationId: run.collaborationId,
      image: task.image,
    };
  }
}
