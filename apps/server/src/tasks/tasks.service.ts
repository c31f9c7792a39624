import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { z } from 'zod';
import {
  type Page,
  type Result,
  type Task,
  type TaskCreate,
  type TaskDatabase,
  type TaskInput,
  TaskQuerySchema,
} from '@federa/contract';
import { AccessService, reaches } from '../auth/access.service';
import type { Caller, UserCaller } from '../auth/caller';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { paginate } from '../common/pagination';
import { CollaborationsService } from '../collaborations/collaborations.service';
import { StudyEntity } from '../collaborations/study.entity';
import { NodeEntity } from '../nodes/node.entity';
import { RealtimeService } from '../realtime/realtime.service';
import { RunEntity } from '../runs/run.entity';
import { toResult } from '../runs/run.mapper';
import { assertInputsMatch } from './encryption-policy';
import { restrictTasks } from './task-access';
import { TaskStatusUpdater } from './task-status';
import { TaskEntity } from './task.entity';
import { toTask } from './task.mapper';
import { ORGANIZATIONS_OF_TASK, TasksRepository } from './tasks.repository';

type TaskQuery = z.infer<typeof TaskQuerySchema>;

const inputText = (input: TaskInput | undefined): string | null =>
  input === undefined ? null : typeof input === 'string' ? input : JSON.stringify(input);

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly collaborations: CollaborationsService,
    private readonly tasks: TasksRepository,
    private readonly taskStatus: TaskStatusUpdater,
    private readonly realtime: RealtimeService,
  ) {}

  async list(caller: Caller | undefined, query: TaskQuery): Promise<Page<Task>> {
    const c = this.access.requireCaller(caller);
    const qb = this.db.getRepository(TaskEntity).createQueryBuilder('t').orderBy('t.id', 'DESC');
    restrictTasks(qb, c);
    if (query.collaboration_id)
      qb.andWhere('t.collaborationId = :cid', { cid: query.collaboration_id });
    if (query.study_id) qb.andWhere('t.studyId = :sid', { sid: query.study_id });
    if (query.init_user_id) qb.andWhere('t.initUserId = :iu', { iu: query.init_user_id });
    if (query.init_org_id) qb.andWhere('t.initOrgId = :io', { io: query.init_org_id });
    if (query.parent_id) qb.andWhere('t.parentId = :pid', { pid: query.parent_id });
    if (query.status) qb.andWhere('t.status = :st', { st: query.status });
    if (query.name) qb.andWhere('t.name ILIKE :name', { name: `%${query.name}%` });
    const page = await paginate(qb, query, (t) => t);
    const orgs = await this.tasks.organizationsOf(page.data.map((t) => t.id));
    return { ...page, data: page.data.map((t) => toTask(t, orgs.get(t.id) ?? [])) };
  }

  /** One statement on the path of every poll: the task and its runs' organizations together. */
  async get(caller: Caller | undefined, id: number): Promise<Task> {
    const c = this.access.requireCaller(caller);
    const qb = this.db
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.id = :id', { id });
    const { entities, raw } = await restrictTasks(qb, c)
      .addSelect(ORGANIZATIONS_OF_TASK, 'organization_ids')
      .getRawAndEntities<{ organization_ids: number[] | null }>();
    const task = entities[0];
    if (!task) throw await this.missing(id);
    return toTask(task, raw[0]!.organization_ids ?? []);
  }

  async results(caller: Caller | undefined, id: number): Promise<Result[]> {
    await this.visible(caller, id);
    const runs = await this.db
      .getRepository(RunEntity)
      .find({ where: { taskId: id }, order: { organizationId: 'ASC' } });
    return runs.map(toResult);
  }

  /** Loads a task the caller may see: 404 when it does not exist, 403 when hidden. */
  async visible(caller: Caller | undefined, id: number): Promise<TaskEntity> {
    const c = this.access.requireCaller(caller);
    const repo = this.db.getRepository(TaskEntity);
    const qb = repo.createQueryBuilder('t').where('t.id = :id', { id });
    const task = await restrictTasks(qb, c).getOne();
    if (task) return task;
    throw await this.missing(id);
  }

  /** Why a task the caller asked for was not found for it: hidden (403) or absent (404). */
  private async missing(id: number): Promise<AppError> {
    return (await this.db.getRepository(TaskEntity).existsBy({ id }))
      ? forbidden('you may not see this task')
      : notFound('task', id);
  }

  async create(caller: Caller | undefined, body: TaskCreate): Promise<Task> {
    const c = this.access.requireCaller(caller);
    if (c.kind === 'node') throw forbidden('nodes do not create tasks; their algorithms may');
    const collab = await this.collaborations.load(body.collaboration_id);
    const members = new Set(collab.organizations.map((o) => o.id));
    let parent: TaskEntity | null = null;
    if (c.kind === 'user') {
      if (!members.has(c.organizationId)) {
        throw forbidden('your organization is not a member of this collaboration');
      }
      if (!c.permissions.has('task', 'create', 'collaboration')) {
        throw forbidden('you may not create tasks');
      }
    } else {
      // An algorithm creates subtasks of its own task: same collaboration, same image.
      if (collab.id !== c.collaborationId) throw forbidden('subtasks stay in their collaboration');
      if (body.image !== c.image) throw forbidden('subtasks must use the image of their parent');
      parent = await this.db.getRepository(TaskEntity).findOneByOrFail({ id: c.taskId });
    }

    let study: StudyEntity | null = null;
    if (body.study_id) {
      study = await this.db
        .getRepository(StudyEntity)
        .findOne({ where: { id: body.study_id }, relations: { organizations: true } });
      if (!study) throw notFound('study', body.study_id);
      if (study.collaborationId !== collab.id) {
        throw badRequest(`study ${study.id} is not part of collaboration ${collab.id}`);
      }
    }
    const allowed = study ? new Set(study.organizations.map((o) => o.id)) : members;
    const targets: { id: number; input: string | null }[] = body.organizations
      ? body.organizations.map((o) => ({ id: o.id, input: inputText(o.input) }))
      : (body.organization_ids ?? [...allowed]).map((id) => ({ id, input: inputText(body.input) }));
    const seen = new Set<number>();
    for (const t of targets) {
      if (!allowed.has(t.id)) {
        throw badRequest(
          `organization ${t.id} is not a member of ${study ? `study ${study.id}` : `collaboration ${collab.id}`}`,
        );
      }
      if (seen.has(t.id)) throw badRequest(`organization ${t.id} is listed twice`);
      seen.add(t.id);
    }
    if (!targets.length) throw badRequest('the task has no organization to run at');
    const nodes = await this.db.getRepository(NodeEntity).findBy({
      collaborationId: collab.id,
      organizationId: In(targets.map((t) => t.id)),
    });
    const missing = targets.find((t) => !nodes.some((n) => n.organizationId === t.id));
    if (missing) {
      throw badRequest(`organization ${missing.id} has no node in collaboration ${collab.id}`);
    }
    if (collab.encrypted) {
      // Results come back encrypted for the initiating organization: without its key no one
      // could ever read them.
      const initiator = collab.organizations.find((o) => o.id === c.organizationId);
      if (!initiator?.publicKey) {
        throw badRequest(
          `your organization (${c.organizationId}) has published no public key, so results could not be encrypted for it`,
        );
      }
    }
    await assertInputsMatch(
      collab.encrypted,
      targets.map((t) => ({
        organization: collab.organizations.find((o) => o.id === t.id)!,
        input: t.input,
      })),
    );
    const databases: TaskDatabase[] = body.databases.map((d) =>
      typeof d === 'string' ? { label: d } : d,
    );

    const { task, runs } = await this.tasks.insertWithRuns(
      {
        name: body.name,
        description: body.description ?? null,
        image: body.image,
        collaborationId: collab.id,
        studyId: study?.id ?? null,
        parentId: parent?.id ?? null,
        // A new job's id is the id of its first task; a subtask joins its parent's job.
        jobId: parent?.jobId ?? null,
        // A subtask is initiated by the organization whose node runs the algorithm: its
        // results come back to that node (and, encrypted, only it can read them).
        initOrgId: c.organizationId,
        initUserId: parent ? parent.initUserId : (c as UserCaller).id,
        databases,
      },
      targets.map((t) => ({ organizationId: t.id, input: t.input })),
    );
    this.realtime.taskCreated(task, runs, nodes);
    return toTask(
      task,
      runs.map((r) => r.organizationId).sort((a, b) => a - b),
    );
  }

  /** Stops a task and its subtasks: open runs end as killed and their nodes are told. */
  async kill(caller: Caller | undefined, id: number): Promise<Task> {
    const user = this.access.requireUser(caller);
    const task = await this.visible(user, id);
    await this.assertMayStop(user, task, 'kill');
    // One statement ends every open run (a node's concurrent report of one of them waits for
    // it, then finds the run finished); the recount then sees the final state of every run.
    const changed = await this.db.transaction(async (tx) => {
      const ids = await this.tasks.descendantsOf(tx, id);
      const killed = await tx
        .getRepository(RunEntity)
        .createQueryBuilder()
        .update()
        .set({
          status: 'killed',
          statusReason: `killed by user ${user.id}`,
          finishedAt: new Date(),
        })
        .where('"taskId" IN (:...ids) AND "finishedAt" IS NULL', { ids })
        .returning('*')
        .execute();
      const runs = (killed.raw as RunEntity[]).map((r) => tx.getRepository(RunEntity).create(r));
      const tasks = await this.taskStatus.recount(tx, [...new Set(runs.map((r) => r.taskId))]);
      return tasks.map((task) => ({ task, runs: runs.filter((r) => r.taskId === task.id) }));
    });
    for (const { task: t, runs } of changed) {
      this.realtime.taskKilled(t, runs);
      for (const run of runs) this.realtime.runChanged(run, t);
    }
    return this.get(user, id);
  }

  async remove(caller: Caller | undefined, id: number): Promise<void> {
    const user = this.access.requireUser(caller);
    const task = await this.visible(user, id);
    await this.assertMayStop(user, task, 'delete');
    const open: unknown[] = await this.db.query(
      `SELECT 1 FROM run WHERE "taskId" = ANY($1) AND "finishedAt" IS NULL LIMIT 1`,
      [await this.tasks.descendantsOf(this.db.manager, id)],
    );
    if (open.length) throw conflict('the task is still running; kill it first');
    await this.db.getRepository(TaskEntity).delete({ id });
  }

  /** Killing or deleting a task needs task delete at a scope that covers it. */
  private async assertMayStop(user: UserCaller, task: TaskEntity, verb: string): Promise<void> {
    const reach = await this.access.reach(user, 'task', 'delete');
    const own = (reach.all || reach.own) && task.initUserId === user.id;
    let ok = own || reaches(reach, task.initOrgId);
    if (!ok && user.permissions.scope('task', 'delete') === 'collaboration') {
      ok = await this.access.isMember(task.collaborationId, user.organizationId);
    }
    if (!ok) throw forbidden(`you may not ${verb} this task`);
  }
}
