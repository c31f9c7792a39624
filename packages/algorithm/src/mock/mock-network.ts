import {
  AlgorithmInputSchema,
  RunContextSchema,
  isFinished,
  type Result,
  type RunStatus,
  type SubtaskCreate,
  type Task,
} from '@federa/contract';
import { SubtaskClient, type PollOptions, type SubtaskTransport } from '../client/subtask-client';
import { ProxyError } from '../client/http-transport';
import { parseCsvTable, tableFromRows, type Row, type Table } from '../data/table';
import type { Algorithm, AlgorithmFunctions } from '../definition/define-algorithm';
import { dispatch } from '../definition/dispatch';
import { formatError } from '../runner/run';

export interface MockOrganization {
  id: number;
  /** Databases by label: rows, or CSV text (parsed as a node's CSV database would be). */
  databases?: Record<string, readonly Row[] | string>;
}

export interface MockNetworkOptions {
  organizations: MockOrganization[];
  algorithm: Algorithm | AlgorithmFunctions;
  collaborationId?: number;
  image?: string;
  /** Polling of the in-process subtasks; default 1 ms growing to 20 ms. */
  poll?: PollOptions;
}

export interface MockRunOptions {
  /** Where the task runs; default the first organization. */
  organizationId?: number;
  /** Database labels it reads; default all of that organization's. */
  databases?: string[];
}

export interface MockNetwork {
  /** Runs `method` as a researcher's task at one organization and returns its result. */
  run<T = unknown>(
    method: string,
    args?: Record<string, unknown>,
    options?: MockRunOptions,
  ): Promise<T>;
  /** Every task created so far (the researcher's and the subtasks), in creation order. */
  readonly tasks: readonly Task[];
  /** The results of one task. */
  results(taskId: number): Result[];
}

interface TaskRecord {
  task: Task;
  runs: Result[];
}

const now = () => new Date().toISOString();
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function taskStatus(runs: readonly Result[]): RunStatus {
  const failure = runs.find((r) => isFinished(r.status) && r.status !== 'completed');
  if (failure) return failure.status;
  if (runs.every((r) => r.status === 'completed')) return 'completed';
  return runs.some((r) => r.status === 'active') ? 'active' : 'pending';
}

/**
 * An in-process collaboration for unit tests of algorithms. A task runs through the same
 * dispatch as in a real run, its input and result are JSON text as on the wire, and the
 * subtask client's `createSubtask` runs the requested method at each organization on that
 * organization's data; results come back through the same client code as in production.
 */
export function mockNetwork(options: MockNetworkOptions): MockNetwork {
  const collaborationId = options.collaborationId ?? 1;
  const image = options.image ?? 'localhost/federa/mock:latest';
  const poll = { initialDelayMs: 1, maxDelayMs: 20, ...options.poll };
  const organizations = new Map<number, Map<string, Table>>();
  for (const org of options.organizations) {
    if (organizations.has(org.id)) throw new Error(`organization ${org.id} is listed twice`);
    const tables = new Map<string, Table>();
    for (const [label, data] of Object.entries(org.databases ?? {})) {
      tables.set(
        label,
        typeof data === 'string' ? parseCsvTable(data, label) : tableFromRows(label, data),
      );
    }
    organizations.set(org.id, tables);
  }
  const records = new Map<number, TaskRecord>();
  let lastTaskId = 0;
  let lastRunId = 0;

  const record = (id: number): TaskRecord => {
    const found = records.get(id);
    if (!found)
      throw new ProxyError('GET', `/task/${id}`, 404, { message: `task ${id} not found` });
    return found;
  };

  const refresh = (rec: TaskRecord) => {
    rec.task.status = taskStatus(rec.runs);
    rec.task.complete = rec.runs.every((r) => isFinished(r.status));
    if (rec.task.complete && !rec.task.finished_at) rec.task.finished_at = now();
  };

  async function execute(
    rec: TaskRecord,
    run: Result,
    inputText: string,
    labels: string[],
  ): Promise<void> {
    run.status = 'active';
    refresh(rec);
    try {
      const tables = organizations.get(run.organization_id) ?? new Map<string, Table>();
      const missing = labels.filter((label) => !tables.has(label));
      if (missing.length > 0) {
        throw new Error(
          `organization ${run.organization_id} has no database ${missing.map((l) => `"${l}"`).join(', ')}`,
        );
      }
      const context = RunContextSchema.parse({
        taskId: rec.task.id,
        runId: run.run_id,
        organizationId: run.organization_id,
        collaborationId,
        image,
        databases: labels.map((label) => ({
          label,
          type: 'csv',
          uri: `mock://org-${run.organization_id}/${label}`,
        })),
      });
      const input = AlgorithmInputSchema.parse(JSON.parse(inputText));
      const client = new SubtaskClient(transportFor(rec.task, run.organization_id, labels), poll);
      run.result = await dispatch(options.algorithm, input, {
        context,
        client,
        loadTable: (database) => clone(tables.get(database.label) as Table),
      });
      run.status = 'completed';
    } catch (error) {
      run.status = 'failed';
      run.log = formatError(error);
    }
    run.finished_at = now();
    refresh(rec);
  }

  function createTask(
    body: SubtaskCreate,
    initOrgId: number,
    parent: Task | null,
    labels: string[],
  ): Task {
    const unknown = body.organization_ids.filter((id) => !organizations.has(id));
    if (unknown.length > 0) {
      throw new ProxyError('POST', '/task', 400, {
        message: `organization(s) ${unknown.join(', ')} are not in collaboration ${collaborationId}`,
      });
    }
    const id = ++lastTaskId;
    const task: Task = {
      id,
      name: body.name ?? `${body.input.method} (mock)`,
      description: body.description ?? null,
      image,
      collaboration_id: collaborationId,
      study_id: null,
      parent_id: parent?.id ?? null,
      job_id: parent?.job_id ?? id,
      init_org_id: initOrgId,
      init_user_id: null,
      databases: labels.map((label) => ({ label })),
      status: 'pending',
      complete: false,
      organization_ids: [...body.organization_ids],
      created_at: now(),
      finished_at: null,
    };
    const inputText = JSON.stringify(body.input);
    const rec: TaskRecord = {
      task,
      runs: body.organization_ids.map((organizationId) => {
        const runId = ++lastRunId;
        return {
          id: runId,
          run_id: runId,
          task_id: id,
          organization_id: organizationId,
          node: organizationId,
          status: 'pending' as const,
          result: null,
          log: null,
          finished_at: null,
        };
      }),
    };
    records.set(id, rec);
    for (const run of rec.runs) setImmediate(() => void execute(rec, run, inputText, labels));
    return clone(task);
  }

  /** What the node proxy offers the algorithm of one run. */
  function transportFor(
    parent: Task | null,
    organizationId: number,
    parentLabels: string[],
  ): SubtaskTransport {
    return {
      createTask: async (body) =>
        createTask(body, organizationId, parent, body.databases ?? parentLabels),
      getTask: async (id) => clone(record(id).task),
      getResults: async (id) => clone(record(id).runs),
    };
  }

  return {
    async run<T>(
      method: string,
      args: Record<string, unknown> = {},
      runOptions: MockRunOptions = {},
    ) {
      const organizationId = runOptions.organizationId ?? options.organizations[0]?.id;
      if (organizationId === undefined) throw new Error('the mock network has no organization');
      const labels = runOptions.databases ?? [...(organizations.get(organizationId)?.keys() ?? [])];
      const researcher = new SubtaskClient(
        {
          createTask: async (body) => createTask(body, organizationId, null, labels),
          getTask: async (id) => clone(record(id).task),
          getResults: async (id) => clone(record(id).runs),
        },
        poll,
      );
      const [result] = await researcher.runSubtask<T>({
        name: method,
        input: { method, args },
        organization_ids: [organizationId],
      });
      return result as T;
    },
    get tasks() {
      return [...records.values()].map((rec) => clone(rec.task));
    },
    results(taskId: number) {
      return clone(record(taskId).runs);
    },
  };
}
