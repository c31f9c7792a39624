import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { RunEntity } from '../runs/run.entity';

/** The organizations of a task's runs (a task query aliased `t`), for `addSelect`. */
export const ORGANIZATIONS_OF_TASK = `(SELECT array_agg(r."organizationId" ORDER BY r."organizationId")
  FROM run r WHERE r."taskId" = t.id)`;

/** Task queries shared by the task and run services. */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

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
