import {
  ResultSchema,
  SubtaskCreateSchema,
  TaskSchema,
  type Result,
  type RunStatus,
  type SubtaskCreate,
  type Task,
} from '@federa/contract';
import { z } from 'zod';

/** What `createSubtask` takes: SubtaskCreate of the contract, `input.args` optional. */
export type SubtaskRequest = z.input<typeof SubtaskCreateSchema>;

/** Moves the proxy's requests; the client validates what comes back. */
export interface SubtaskTransport {
  createTask(body: SubtaskCreate): Promise<unknown>;
  getTask(id: number): Promise<unknown>;
  getResults(id: number): Promise<unknown>;
}

export interface PollOptions {
  /** First wait between polls (ms); default 50. */
  initialDelayMs?: number;
  /** Longest wait between polls (ms); default 1000. */
  maxDelayMs?: number;
  /** Give up after this long (ms); default: wait as long as the node lets the run live. */
  timeoutMs?: number;
}

/** A run of a subtask that finished without completing. */
export interface FailedRun {
  runId: number;
  organizationId: number;
  status: RunStatus;
  log: string | null;
}

const LOG_TAIL = 2000;

/** A subtask finished, but some of its runs did not complete. */
export class SubtaskFailedError extends Error {
  constructor(
    readonly taskId: number,
    readonly runs: FailedRun[],
  ) {
    super(
      `task ${taskId}: ${runs.length} run(s) did not complete:\n` +
        runs
          .map((run) => {
            const log = run.log?.trim();
            const tail = log && log.length > LOG_TAIL ? `…${log.slice(-LOG_TAIL)}` : log;
            return (
              `  organization ${run.organizationId} (run ${run.runId}): ${run.status}` +
              (tail ? `\n    ${tail.replace(/\n/g, '\n    ')}` : '')
            );
          })
          .join('\n'),
    );
    this.name = 'SubtaskFailedError';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseResponse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`the node proxy sent an invalid ${what}: ${issues.join('; ')}`);
  }
  return parsed.data as z.output<S>;
}

/** Creates subtasks through the node proxy and collects their results. */
export class SubtaskClient {
  constructor(
    private readonly transport: SubtaskTransport,
    private readonly poll: PollOptions = {},
  ) {}

  /** `POST /task`: a subtask in this run's collaboration with the same image. */
  async createSubtask(request: SubtaskRequest): Promise<Task> {
    const body = SubtaskCreateSchema.safeParse(request);
    if (!body.success) {
      const issues = body.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`invalid subtask: ${issues.join('; ')}`);
    }
    return parseResponse(TaskSchema, await this.transport.createTask(body.data), 'task');
  }

  /** `GET /task/:id`. */
  async getTask(taskId: number): Promise<Task> {
    return parseResponse(TaskSchema, await this.transport.getTask(taskId), 'task');
  }

  /** `GET /task/:id/result`: the raw results, one per organization. */
  async getResults(taskId: number): Promise<Result[]> {
    return parseResponse(
      z.array(ResultSchema),
      await this.transport.getResults(taskId),
      'result list',
    );
  }

  /** Polls `GET /task/:id` with a short backoff (capped at ~1 s) until `complete`. */
  async waitForTask(taskId: number, options: PollOptions = {}): Promise<Task> {
    const { initialDelayMs = 50, maxDelayMs = 1000, timeoutMs } = { ...this.poll, ...options };
    const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    let delay = initialDelayMs;
    for (;;) {
      const task = await this.getTask(taskId);
      if (task.complete) return task;
      if (Date.now() + delay > deadline) {
        throw new Error(`subtask ${taskId} is still ${task.status} after ${timeoutMs} ms`);
      }
      await sleep(delay);
      delay = Math.min(maxDelayMs, Math.max(1, delay * 1.5));
    }
  }

  /**
   * Waits for the subtask to complete and returns its results parsed from JSON, one per
   * organization, ordered by organization id. Throws {@link SubtaskFailedError} (with each
   * failed run's status and log) when any run did not complete.
   */
  async waitForResults<T = unknown>(taskId: number, options: PollOptions = {}): Promise<T[]> {
    await this.waitForTask(taskId, options);
    const results = (await this.getResults(taskId)).sort(
      (a, b) => a.organization_id - b.organization_id || a.run_id - b.run_id,
    );
    const failed = results.filter((r) => r.status !== 'completed');
    if (failed.length > 0) {
      throw new SubtaskFailedError(
        taskId,
        failed.map((r) => ({
          runId: r.run_id,
          organizationId: r.organization_id,
          status: r.status,
          log: r.log,
        })),
      );
    }
    return results.map((r) => {
      if (r.result === null) return null as T;
      try {
        return JSON.parse(r.result) as T;
      } catch {
        throw new Error(
          `subtask ${taskId}: the result of organization ${r.organization_id} (run ${r.run_id}) is not JSON`,
        );
      }
    });
  }

  /** Creates a subtask and waits for its results: {@link createSubtask} + {@link waitForResults}. */
  async runSubtask<T = unknown>(request: SubtaskRequest, options: PollOptions = {}): Promise<T[]> {
    const task = await this.createSubtask(request);
    return this.waitForResults<T>(task.id, options);
  }
}
