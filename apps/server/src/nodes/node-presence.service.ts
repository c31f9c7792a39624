import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONFIG, type Config } from '../config/config';
import { RealtimeService } from '../realtime/realtime.service';
import { NodeEntity } from './node.entity';

/**
 * Online/offline status of nodes. A node is online while it keeps sending heartbeats; every
 * instance sweeps for silent nodes, and the conditional UPDATE makes exactly one of them report
 * each change. The runs a silent node holds get a reason, so a researcher sees why they wait.
 */
@Injectable()
export class NodePresenceService implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly realtime: RealtimeService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onModuleInit(): void {
    const every = Math.max(1000, (this.config.NODE_HEARTBEAT_TIMEOUT * 1000) / 3);
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Records a sign of life; reports the node online if it was not. */
  async seen(nodeId: number): Promise<void> {
    const back = await this.changeStatus('online', 'id = :id AND status = :from', {
      id: nodeId,
      from: 'offline',
    });
    if (back.length) {
      // The node is back: the runs it holds no longer wait on a silent node.
      await this.db.query(
        `UPDATE run SET "statusReason" = NULL WHERE "nodeId" = $1 AND "finishedAt" IS NULL AND "statusReason" LIKE 'node went silent%'`,
        [nodeId],
      );
    } else {
      await this.db.getRepository(NodeEntity).update({ id: nodeId }, { lastSeenAt: new Date() });
    }
  }

  async offline(nodeId: number): Promise<void> {
    await this.markWaiting(
      await this.changeStatus('offline', 'id = :id AND status = :from', {
        id: nodeId,
        from: 'online',
      }),
    );
  }

  /** Marks nodes offline that have been silent longer than the heartbeat timeout. */
  async sweep(): Promise<void> {
    const silent = await this.changeStatus(
      'offline',
      'status = :from AND "lastSeenAt" < now() - make_interval(secs => :timeout)',
      { from: 'online', timeout: this.config.NODE_HEARTBEAT_TIMEOUT },
    );
    await this.markWaiting(silent);
  }

  private async markWaiting(nodes: NodeEntity[]): Promise<void> {
    for (const node of nodes) {
      await this.db.query(
        `UPDATE run SET "statusReason" = $2 WHERE "nodeId" = $1 AND "finishedAt" IS NULL`,
        [
          node.id,
          `node went silent at ${new Date().toISOString()}; the run waits for it to return`,
        ],
      );
    }
  }

  /** Conditionally flips node status; returns (and announces) only the nodes this call changed. */
  private async changeStatus(
    status: NodeEntity['status'],
    where: string,
    params: Record<string, unknown>,
  ): Promise<NodeEntity[]> {
    const result = await this.db
      .createQueryBuilder()
      .update(NodeEntity)
      .set(status === 'online' ? { status, lastSeenAt: () => 'now()' } : { status })
      .where(where, params)
      .returning(['id', 'name', 'organizationId', 'collaborationId', 'status', 'lastSeenAt'])
      .execute();
    const nodes = (result.raw as Partial<NodeEntity>[]).map((r) =>
      Object.assign(new NodeEntity(), r),
    );
    for (const node of nodes) this.realtime.nodeChanged(node);
    return nodes;
  }
}
