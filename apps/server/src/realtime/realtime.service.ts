import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { type ClientToServerEvents, type ServerToClientEvents, rooms } from '@federa/contract';
import { CallerCache } from '../auth/caller-cache';
import { CONFIG, type Config } from '../config/config';
import type { NodeEntity } from '../nodes/node.entity';
import type { RunEntity } from '../runs/run.entity';
import type { TaskEntity } from '../tasks/task.entity';

/** What the events of a task's progress say about it. */
export type TaskProgress = Pick<
  TaskEntity,
  'id' | 'jobId' | 'parentId' | 'collaborationId' | 'status' | 'finishedAt'
>;

/** How long a change waits for the other instances to drop their cached callers. */
const PEER_ACK_MS = 2000;

/** Between server instances (through the Redis adapter), never to clients. */
interface PeerEvents {
  callers_changed: (done: (dropped: true) => void) => void;
}
type TasksNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, PeerEvents>;

/**
 * The one place that emits socket events. Domain services call it after their transaction
 * commits; with the Redis adapter an emit here reaches clients on every server instance.
 */
@Injectable()
export class RealtimeService {
  private namespace: TasksNamespace | undefined;
  private readonly logger = new Logger('realtime');

  constructor(
    private readonly callers: CallerCache,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  attach(namespace: TasksNamespace): void {
    this.namespace = namespace;
    if (this.config.REDIS_URL) {
      // Other instances drop their cached callers when permissions or sessions change here.
      this.callers.tellPeersWith(async () => {
        const confirmed = namespace.serverSideEmitWithAck('callers_changed').then(() => true);
        const late = new Promise<false>((resolve) =>
          setTimeout(resolve, PEER_ACK_MS, false).unref(),
        );
        const ok = await Promise.race([confirmed, late]).catch(() => false);
        if (!ok) this.logger.warn('other instances did not confirm dropping cached callers');
      });
      namespace.on('callers_changed', (done: (dropped: true) => void) => {
        this.callers.forget();
        done(true);
      });
    }
  }

  runChanged(run: RunEntity, task: TaskProgress): void {
    const ns = this.namespace;
    if (!ns) return;
    const room = rooms.collaboration(task.collaborationId);
    ns.to(room).emit('status_update', run.id);
    ns.to(room).emit('run_status', {
      run_id: run.id,
      task_id: task.id,
      job_id: task.jobId,
      parent_id: task.parentId,
      collaboration_id: task.collaborationId,
      organization_id: run.organizationId,
      node_id: run.nodeId,
      status: run.status,
      status_reason: run.statusReason,
    });
    this.taskChanged(task);
  }

  taskChanged(task: TaskProgress): void {
    this.namespace?.to(rooms.collaboration(task.collaborationId)).emit('task_status', {
      task_id: task.id,
      job_id: task.jobId,
      parent_id: task.parentId,
      collaboration_id: task.collaborationId,
      status: task.status,
      complete: task.finishedAt !== null,
    });
  }

  /** Tells each node of the task's organizations which of the new runs are its own. */
  taskCreated(task: TaskEntity, runs: RunEntity[], nodes: NodeEntity[]): void {
    const ns = this.namespace;
    if (!ns) return;
    for (const node of nodes) {
      const runIds = runs.filter((r) => r.organizationId === node.organizationId).map((r) => r.id);
      if (!runIds.length) continue;
      ns.to(rooms.node(node.id)).emit('new_task', {
        task_id: task.id,
        parent_id: task.parentId,
        collaboration_id: task.collaborationId,
        run_ids: runIds,
      });
    }
    this.taskChanged(task);
  }

  taskKilled(task: TaskProgress, killed: RunEntity[]): void {
    const ns = this.namespace;
    if (!ns) return;
    const byNode = new Map<number, number[]>();
    for (const run of killed) {
      if (run.nodeId !== null) byNode.set(run.nodeId, [...(byNode.get(run.nodeId) ?? []), run.id]);
    }
    for (const [nodeId, runIds] of byNode) {
      ns.to(rooms.node(nodeId)).emit('kill_task', {
        task_id: task.id,
        collaboration_id: task.collaborationId,
        run_ids: runIds,
      });
    }
  }

  nodeChanged(node: NodeEntity): void {
    this.namespace?.to(rooms.collaboration(node.collaborationId)).emit('node_status', {
      node_id: node.id,
      name: node.name,
      organization_id: node.organizationId,
      collaboration_id: node.collaborationId,
      status: node.status,
    });
  }
}
