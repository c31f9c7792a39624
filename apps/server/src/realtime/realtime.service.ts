import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { type ClientToServerEvents, type ServerToClientEvents, rooms } from '@federa/contract';
import type { NodeEntity } from '../nodes/node.entity';
import type { RunEntity } from '../runs/run.entity';
import type { TaskEntity } from '../tasks/task.entity';

type TasksNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>;

/**
 * The one place that emits socket events. Domain services call it after their transaction
 * commits; with the Redis adapter an emit here reaches clients on every server instance.
 */
@Injectable()
export class RealtimeService {
  private namespace: TasksNamespace | undefined;

  attach(namespace: TasksNamespace): void {
    this.namespace = namespace;
  }

  runChanged(run: RunEntity, task: TaskEntity): void {
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

  taskChanged(task: TaskEntity): void {
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

  taskKilled(task: TaskEntity, killed: RunEntity[]): void {
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
