import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  type ContainerToken,
  type Page,
  type Result,
  type Run,
  type RunReceipt,
  type RunResultCreate,
  type RunUpdate,
  RunQuerySchema,
  isFinished,
} from '@federa/contract';
import { AccessService } from '../auth/access.service';
import type { Caller, NodeCaller } from '../auth/caller';
import { TokensService } from '../auth/tokens.service';
import { conflict, forbidden, notFound } from '../common/app-error';
import { paginate } from '../common/pagination';
import { CONFIG, type Config } from '../config/config';
import { RealtimeService } from '../realtime/realtime.service';
import { TaskStatusUpdater } from '../tasks/task-status';
import { assertReportMatches } from '../tasks/encryption-policy';
import { RunEntity } from './run.entity';
import { toResult, toRun, toRunReceipt } from './run.mapper';
import { type RunChange, RunTransitions } from './run-transitions';

type RunQuery = z.infer<typeof RunQuerySchema>;

@Injectable()
export class RunsService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly transitions: RunTransitions,
    private readonly taskStatus: TaskStatusUpdater,
    private readonly realtime: RealtimeService,
    private readonly tokens: TokensService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async list(caller: Caller | undefined, query: RunQuery): Promise<Page<Run>> {
    return paginate(await this.query(caller, query), query, toRun);
  }

  async results(caller: Caller | undefined, query: RunQuery): Promise<Page<Result>> {
    return paginate(await this.query(caller, query), query, toResult);
  }

  async get(caller: Caller | undefined, id: number): Promise<RunEntity> {
    const qb = await this.query(caller, {});
    const run = await qb.andWhere('r.id = :id', { id }).getOne();
    if (run) return run;
    if (await this.db.getRepository(RunEntity).existsBy({ id }))
      throw forbidden('you may not see this run');
    throw notFound('run', id);
  }

  /** Node: takes a pending run of its organization. Only one node ever gets a run. */
  async claim(caller: Caller | undefined, id: number): Promise<Run> {
    const node = this.access.requireNode(caller);
    const run = await this.changeRun(node, id, (run) => {
      if (run.status !== 'pending') {
        throw conflict(
          isFinished(run.status)
            ? `run ${id} has already finished (${run.status})`
            : `run ${id} was already claimed by node ${run.nodeId}`,
        );
      }
      return { nodeId: node.id, status: 'initializing', startedAt: new Date() };
    });
    return toRun(run);
  }

  /** Node: reports progress of a run it claimed. Only the fields sent change. */
  async update(caller: Caller | undefined, id: number, body: RunUpdate): Promise<Run> {
    const node = this.access.requireNode(caller);
    const run = await this.changeRun(node, id, (run, encrypted) => {
      this.assertClaimedOpen(run, node);
      assertReportMatches(encrypted, 'log', body.log);
      return { status: body.status, log: body.log };
    });
    return toRun(run);
  }

  /**
   * Node: the final report of a run. Accepted once; a second report is a 409. The answer
   * leaves out the result and log the node has just sent: echoing a large result back would
   * double the transfer.
   */
  async submitResult(
    caller: Caller | undefined,
    id: number,
    body: RunResultCreate,
  ): Promise<RunReceipt> {
    const node = this.access.requireNode(caller);
    const run = await this.changeRun(node, id, (run, encrypted) => {
      assertReportMatches(encrypted, 'result', body.result);
      assertReportMatches(encrypted, 'log', body.log);
      if (isFinished(run.status)) {
        throw conflict(`run ${id} already has its result (${run.status})`);
      }
      if (run.nodeId !== null && run.nodeId !== node.id) {
        throw forbidden(`run ${id} is claimed by another node`);
      }
      return {
        nodeId: node.id,
        status: body.status,
        result: body.result ?? null,
        log: body.log,
        statusReason: body.reason ?? null,
        startedAt: run.startedAt ?? new Date(),
        finishedAt: new Date(),
      };
    });
    return toRunReceipt(run);
  }

  /**
   * Changes one of the node's runs as `decide` says, given the run as it is now, and brings
   * its task in line. When another report changed the run in between, `decide` runs again on
   * the new state, so it sees the latest state and may refuse (409).
   */
  private async changeRun(
    node: NodeCaller,
    id: number,
    decide: (run: RunEntity, encrypted: boolean) => RunChange,
  ): Promise<RunEntity> {
    for (;;) {
      const { run: seen, encrypted } = await this.ownRun(node, id);
      const run = await this.transitions.apply(seen, decide(seen, encrypted));
      if (!run) continue;
      if (run.status !== seen.status) {
        this.realtime.runChanged(run, await this.taskStatus.afterRunChange(run.taskId));
      }
      return run;
    }
  }

  /** Node: a token for the algorithm of a run it claimed; it stops working when the run ends. */
  async containerToken(caller: Caller | undefined, runId: number): Promise<ContainerToken> {
    const node = this.access.requireNode(caller);
    const { run } = await this.ownRun(node, runId);
    this.assertClaimedOpen(run, node);
    const ttl = this.config.CONTAINER_TOKEN_TTL;
    return {
      container_token: this.tokens.signAccess('container', node.id, ttl, { run: run.id }),
      expires_in: ttl,
    };
  }

  private assertClaimedOpen(run: RunEntity, node: NodeCaller): void {
    if (run.nodeId !== node.id) throw conflict(`run ${run.id} is not claimed by this node`);
    if (isFinished(run.status))
      throw conflict(`run ${run.id} has already finished (${run.status})`);
  }

  /**
   * A run of the node's own organization and collaboration (404/403 otherwise), and whether
   * that collaboration is encrypted: one statement on the path of every report.
   */
  private async ownRun(
    node: NodeCaller,
    id: number,
  ): Promise<{ run: RunEntity; encrypted: boolean }> {
    const rows: (RunEntity & { encrypted: boolean })[] = await this.db.query(
      `SELECT r.*, c.encrypted FROM run r JOIN collaboration c ON c.id = r."collaborationId"
       WHERE r.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound('run', id);
    const { encrypted, ...columns } = row;
    const run = this.db.getRepository(RunEntity).create(columns);
    if (
      run.organizationId !== node.organizationId ||
      run.collaborationId !== node.collaborationId
    ) {
      throw forbidden(`run ${id} belongs to another organization's node`);
    }
    return { run, encrypted };
  }

  /** Runs the caller may see, filtered by the query. */
  private async query(caller: Caller | undefined, query: Partial<RunQuery>) {
    const c = this.access.requireCaller(caller);
    const qb = this.db
      .getRepository(RunEntity)
      .createQueryBuilder('r')
      .innerJoin('r.task', 't')
      .orderBy('r.id');
    switch (c.kind) {
      case 'node':
        qb.andWhere('r.organizationId = :norg AND r.collaborationId = :ncol', {
          norg: c.organizationId,
          ncol: c.collaborationId,
        });
        break;
      case 'container':
        qb.andWhere('(r.id = :crun OR t.parentId = :ctask)', { crun: c.runId, ctask: c.taskId });
        break;
      case 'user': {
        const scope = c.permissions.scope('run', 'view');
        if (scope === null) qb.andWhere('1 = 0');
        else if (scope === 'own') qb.andWhere('t.initUserId = :uid', { uid: c.id });
        else if (scope === 'organization') {
          qb.andWhere('(r.organizationId = :me OR t.initOrgId = :me)', { me: c.organizationId });
        } else if (scope === 'collaboration') {
          qb.andWhere(
            'r.collaborationId IN (SELECT collaboration_id FROM collaboration_member WHERE organization_id = :me)',
            { me: c.organizationId },
          );
        }
      }
    }
    if (query.task_id) qb.andWhere('r.taskId = :tid', { tid: query.task_id });
    if (query.organization_id)
      qb.andWhere('r.organizationId = :oid', { oid: query.organization_id });
    if (query.collaboration_id)
      qb.andWhere('r.collaborationId = :cid', { cid: query.collaboration_id });
    if (query.node_id) qb.andWhere('r.nodeId = :nid', { nid: query.node_id });
    if (query.status) qb.andWhere('r.status = :st', { st: query.status });
    if (query.state === 'open') qb.andWhere('r.finishedAt IS NULL');
    if (query.state === 'finished') qb.andWhere('r.finishedAt IS NOT NULL');
    return qb;
  }
}
