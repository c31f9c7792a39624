import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { RunEntity } from '../runs/run.entity';
import { TaskEntity } from './task.entity';

/** The organizations of a task's runs (a task query aliased `t`), for `addSelect`. */
export const ORGANIZATIONS_OF_TASK = `(SELECT array_agg(r."organizationId" ORDER BY r."organizationId")
  FROM run r WHERE r."taskId" = t.id)`;

type NewTask = Pick<
  TaskEntity,
  | 'name'
  | 'description'
  | 'image'
  | 'collaborationId'
  | 'studyId'
  | 'parentId'
  | 'initOrgId'
  | 'initUserId'
  | 'databases'
> & { jobId: number | null };

/** Task queries shared by the task and run services. */
@Injectable()
export class TasksRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores a task and its pending runs in one statement (atomic without a transaction's extra
   * round trips). `jobId` null starts a new job, numbered after the task itself.
   */
  async insertWithRuns(
    task: NewTask,
    runs: { organizationId: number; input: string | null }[],
  ): Promise<{ task: TaskEntity; runs: RunEntity[] }> {
    const rows: {
      taskId: number;
      jobId: number;
      createdAt: Date;
      runId: number;
      organizationId: number;
      input: string | null;
      assignedAt: Date;
    }[] = await this.db.query(
      `WITH s AS (SELECT nextval(pg_get_serial_sequence('task', 'id'))::int AS id),
       t AS (
         INSERT INTO task (id, "jobId", name, description, image, "collaborationId", "studyId",
           "parentId", "initOrgId", "initUserId", databases, status)
         SELECT s.id, COALESCE($1::int, s.id), $2::text, $3::text, $4::text, $5::int, $6::int, $7::int,
           $8::int, $9::int, $10::jsonb, 'pending'
         FROM s
         RETURNING id, "jobId", "collaborationId", "createdAt"
       ),
       r AS (
         INSERT INTO run ("taskId", "organizationId", "collaborationId", input, status)
         SELECT t.id, o.org, t."collaborationId", o.input, 'pending'
         FROM t, unnest($11::int[], $12::text[]) AS o(org, input)
         RETURNING id, "taskId", "organizationId", input, "assignedAt"
       )
       SELECT t.id AS "taskId", t."jobId", t."createdAt", r.id AS "runId", r."organizationId",
         r.input, r."assignedAt"
       FROM t JOIN r ON r."taskId" = t.id ORDER BY r."organizationId"`,
      [
        task.jobId,
        task.name,
        task.description,
        task.image,
        task.collaborationId,
        task.studyId,
        task.parentId,
        task.initOrgId,
        task.initUserId,
        JSON.stringify(task.databases),
        runs.map((r) => r.organizationId),
        runs.map((r) => r.input),
      ],
    );
    const first = rows[0]!;
    const taskRepo = this.db.getRepository(TaskEntity);
    const runRepo = this.db.getRepository(RunEntity);
    return {
      task: taskRepo.create({
        ...task,
        id: first.taskId,
        jobId: first.jobId,
        status: 'pending',
        finishedAt: null,
        createdAt: first.createdAt,
      }),
      runs: rows.map((row) =>
        runRepo.create({
          id: row.runId,
          taskId: row.taskId,
          organizationId: row.organizationId,
          collaborationId: task.collaborationId,
          nodeId: null,
          status: 'pending',
          statusReason: null,
          input: row.input,
          result: null,
          log: null,
          assignedAt: row.assignedAt,
          startedAt: null,
          finishedAt: null,
        }),
      ),
    };
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
