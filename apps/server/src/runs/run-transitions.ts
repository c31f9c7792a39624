import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transitionSet } from '../tasks/task-progress';
import type { TaskProgress } from '../realtime/realtime.service';
import type { TaskEntity } from '../tasks/task.entity';
import { RunEntity } from './run.entity';

type RunChange = Partial<
  Pick<
    RunEntity,
    'nodeId' | 'status' | 'statusReason' | 'result' | 'log' | 'startedAt' | 'finishedAt'
  >
>;

const quote = (column: string) => `"${column.replace(/"/g, '')}"`;

/**
 * Changes a run only if it is still as the caller last read it (compare-and-set on its status
 * and node), and moves its task's counters and status in the same statement. Concurrent
 * reports of one task never wait on each other across round trips, and a report based on a
 * stale read changes nothing: the caller reads again and decides.
 */
@Injectable()
export class RunTransitions {
  constructor(private readonly db: DataSource) {}

  /** The changed run and its task, or null when the run changed since `seen` was read. */
  async apply(
    seen: RunEntity,
    change: RunChange,
  ): Promise<{ run: RunEntity; task: TaskProgress } | null> {
    const entries = Object.entries(change).filter(([, v]) => v !== undefined);
    const params: unknown[] = [seen.id, seen.status, seen.nodeId];
    const set = entries.map(([column, value]) => {
      params.push(value);
      return `${quote(column)} = $${params.length}`;
    });
    const to = change.status ?? seen.status;
    const runUpdate = `UPDATE run SET ${set.join(', ')}
      WHERE id = $1 AND status = $2 AND "nodeId" IS NOT DISTINCT FROM $3::int RETURNING *`;
    const rows: (RunEntity & TaskColumns)[] = await this.db.query(
      to === seen.status
        ? `WITH r AS (${runUpdate})
           SELECT r.*, t."jobId", t."parentId", t.status AS "taskStatus",
             t."finishedAt" AS "taskFinishedAt"
           FROM r JOIN task t ON t.id = r."taskId"`
        : `WITH r AS (${runUpdate}),
             t AS (UPDATE task SET ${transitionSet(seen.status, to)} FROM r
                   WHERE task.id = r."taskId"
                   RETURNING task."jobId", task."parentId", task.status AS "taskStatus",
                     task."finishedAt" AS "taskFinishedAt")
           SELECT r.*, t.* FROM r, t`,
      params,
    );
    const row = rows[0];
    if (!row) return null;
    const { jobId, parentId, taskStatus, taskFinishedAt, ...run } = row;
    return {
      run: this.db.getRepository(RunEntity).create(run),
      task: {
        id: run.taskId,
        jobId,
        parentId,
        collaborationId: run.collaborationId,
        status: taskStatus,
        finishedAt: taskFinishedAt,
      },
    };
  }
}

interface TaskColumns {
  jobId: number;
  parentId: number | null;
  taskStatus: TaskEntity['status'];
  taskFinishedAt: Date | null;
}
