import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { RunStatus } from '@federa/contract';
import { RunEntity } from '../runs/run.entity';
import { allFinished, deriveTaskStatus } from './task-status';
import { TaskEntity } from './task.entity';

/** Task queries shared by the task and run services. */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Locks a task row for the rest of the transaction, so concurrent run updates of one task
   * recompute its status one after the other instead of overwriting each other.
   */
  async lock(tx: EntityManager, id: number): Promise<TaskEntity | null> {
    return tx
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id })
      .getOne();
  }

  /** Brings the task's stored status and finish time in line with its runs. */
  async recompute(tx: EntityManager, task: TaskEntity): Promise<TaskEntity> {
    // Counted in the database: a few rows per task however many runs it has.
    const rows: { status: RunStatus }[] = await tx.query(
      'SELECT DISTINCT status FROM run WHERE "taskId" = $1',
      [task.id],
    );
    const statuses = rows.map((r) => r.status);
    const status = deriveTaskStatus(statuses);
    const finishedAt = allFinished(statuses) ? (task.finishedAt ?? new Date()) : null;
    if (status !== task.status || finishedAt?.getTime() !== task.finishedAt?.getTime()) {
      await tx.update(TaskEntity, { id: task.id }, { status, finishedAt });
      task.status = status;
      task.finishedAt = finishedAt;
    }
    return task;
  }

  /** For each task, the organizations its runs were made for. */
  async organizationsOf(taskIds: number[]): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>(taskIds.map((id) => [id, []]));
    if (!taskIds.length) return map;
    const rows = await this.db.getRepository(RunEntity).find({
      select: { taskId: true, organizationId: true },
      where: { taskId: In(taskIds) },
      order: { organizationId: 'ASC' },
    });
    for (const r of rows) map.get(r.taskId)?.push(r.organizationId);
    return map;
  }

  /** The task and every task below it (subtasks of subtasks too). */
  async descendantsOf(tx: EntityManager, id: number): Promise<number[]> {
    const rows: { id: number }[] = await tx.query(
      `WITH RECURSIVE tree(id) AS (
         SELECT id FROM task WHERE id = $1
         UNION ALL SELECT t.id FROM task t JOIN tree ON t."parentId" = tree.id)
       SELECT id FROM tree`,
      [id],
    );
    return rows.map((r) => r.id);
  }
}
