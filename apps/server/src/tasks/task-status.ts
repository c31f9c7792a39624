import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FINISHED_RUN_STATUSES } from '@federa/contract';
import type { TaskProgress } from '../realtime/realtime.service';

const FAILURES = FINISHED_RUN_STATUSES.filter((s) => s !== 'completed')
  .map((s) => `'${s}'`)
  .join(', ');

/**
 * A task's status from its runs: a failure shows as soon as one run fails (its own status when
 * all failures agree, else `failed`); otherwise the most advanced open state; `completed` when
 * every run completed. The task is finished when no run is open.
 */
const RECOUNT = `
  UPDATE task SET
    status = CASE WHEN c.failures > 1 THEN 'failed' WHEN c.failures = 1 THEN c.failure
      WHEN c.active > 0 THEN 'active' WHEN c.initializing > 0 THEN 'initializing'
      WHEN c.pending > 0 THEN 'pending' ELSE 'completed' END,
    "finishedAt" = CASE WHEN c.pending + c.initializing + c.active = 0
      THEN COALESCE(task."finishedAt", now()) END
  FROM (
    SELECT "taskId",
      count(*) FILTER (WHERE status = 'pending') AS pending,
      count(*) FILTER (WHERE status = 'initializing') AS initializing,
      count(*) FILTER (WHERE status = 'active') AS active,
      count(DISTINCT status) FILTER (WHERE status IN (${FAILURES})) AS failures,
      min(status) FILTER (WHERE status IN (${FAILURES})) AS failure
    FROM run WHERE "taskId" = ANY($1) GROUP BY "taskId"
  ) c
  WHERE task.id = c."taskId"
  RETURNING task.id, task."jobId", task."parentId", task."collaborationId", task.status,
    task."finishedAt"`;

interface Batch {
  ids: Set<number>;
  done: Promise<Map<number, TaskProgress>>;
  settle: (outcome: Map<number, TaskProgress> | Error) => void;
}

/**
 * Keeps each task's stored status in line with its runs. A run change asks for its task to be
 * recounted; the requests that arrive while a recount runs are served together by the next
 * one, so a thousand nodes reporting at once cost a handful of statements instead of a
 * thousand updates queuing on the task's row.
 */
@Injectable()
export class TaskStatusUpdater implements OnApplicationBootstrap {
  private running: Batch | undefined;
  private next: Batch | undefined;

  constructor(private readonly db: DataSource) {}

  /** A crash between a run's change and its task's recount leaves the task behind: not for long. */
  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
  }

  /** Recounts every unfinished task. */
  async reconcile(): Promise<void> {
    await this.db.transaction(async (tx) => {
      const open: { id: number }[] = await tx.query(
        'SELECT id FROM task WHERE "finishedAt" IS NULL',
      );
      await this.recount(
        tx,
        open.map((t) => t.id),
      );
    });
  }

  /** The task's progress, from a recount that began after this call (so after the caller's change). */
  async afterRunChange(taskId: number): Promise<TaskProgress> {
    const batch = (this.next ??= newBatch());
    batch.ids.add(taskId);
    if (!this.running) void this.runNext();
    return (await batch.done).get(taskId)!;
  }

  /** Recounts the tasks in a transaction that already changed their runs (a kill). */
  async recount(tx: EntityManager, ids: number[]): Promise<TaskProgress[]> {
    if (!ids.length) return [];
    // The row locks come first: the count that follows then sees every run change committed
    // before, so whichever recount of a task writes last writes the right status.
    await tx.query('SELECT id FROM task WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
    // Structured: a plain query() answers an UPDATE differently on pg and on PGlite.
    const { records } = await tx.queryRunner!.query(RECOUNT, [ids], true);
    return records as TaskProgress[];
  }

  private async runNext(): Promise<void> {
    while (this.next) {
      const batch = (this.running = this.next);
      this.next = undefined;
      try {
        const rows = await this.db.transaction((tx) => this.recount(tx, [...batch.ids]));
        batch.settle(new Map(rows.map((t) => [t.id, t])));
      } catch (error) {
        batch.settle(error as Error);
      }
    }
    this.running = undefined;
  }
}

function newBatch(): Batch {
  let settle!: Batch['settle'];
  const done = new Promise<Map<number, TaskProgress>>((resolve, reject) => {
    settle = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
  });
  return { ids: new Set(), done, settle };
}
