import path from 'node:path';
import { ok } from '@federa/client';
import { RUN_FILES, type NodeConfig, type Run, type Task } from '@federa/contract';
import { resolveDatabases } from '../databases';
import type { Logger } from '../logger';
import { checkPolicies } from '../policies';
import type { PayloadCodec } from '../encryption/payload-codec';
import { startProxy, type Proxy } from '../proxy/proxy-server';
import { ImageUnavailableError, type Runtime, type RunningAlgorithm } from '../runtimes/runtime';
import type { ServerSession } from '../server/session';
import type { RunHandle, StopReason } from './run-handle';
import { prepareRunDir, readOutput, readRunToken, removeRunDir, runDirOf } from './run-dir';
import type { RunReport, RunReporter } from './run-reporter';
import { parseTaskInput } from './task-input';

export interface RunExecutorDeps {
  config: NodeConfig;
  session: ServerSession;
  runtime: Runtime;
  reporter: RunReporter;
  log: Logger;
  codec: PayloadCodec;
}

/** What happened to a run the scheduler handed over. */
export type ExecutionOutcome =
  /** the node ran (or refused) it and reported it */
  | 'done'
  /** another node has it, or it has finished: not ours to run */
  | 'skipped';

/** The reason a run's report gives when a restart left it behind. */
export const RESTART_REASON = 'node restarted while the run was active';
const LOG_TAIL_IN_REASON = 3000;

function stoppedReport(reason: StopReason, config: NodeConfig, log?: string): RunReport {
  const logPart = log !== undefined ? { log } : {};
  switch (reason) {
    case 'killed':
    case 'gone':
      return { status: 'killed', reason: 'killed on request', ...logPart };
    case 'shutdown':
      return { status: 'failed', reason: 'the node shut down before the run finished', ...logPart };
    case 'timeout':
      return {
        status: 'failed',
        reason: `stopped: the run took longer than this node allows (max_run_seconds: ${config.max_run_seconds})`,
        ...logPart,
      };
  }
}

/**
 * Takes one run from claim to report. Once a claim succeeds, every path ends in exactly one
 * final report (completed, failed, crashed, killed or not_allowed), even when the node itself
 * fails half-way.
 */
export class RunExecutor {
  /** Runs this node process has tried to claim: such a run cannot be a previous life's. */
  private readonly claimAttempted = new Set<number>();

  constructor(private readonly deps: RunExecutorDeps) {}

  /** A pending run: claim it, run it, report it. */
  async runPending(handle: RunHandle): Promise<ExecutionOutcome> {
    const { session, log } = this.deps;
    this.claimAttempted.add(handle.runId);
    const response = await session.call((api) =>
      api.runs.claim({ params: { id: handle.runId }, body: {} }),
    );
    if (response.status === 409) {
      log.debug({ run_id: handle.runId, reason: response.body.message }, 'run not claimed');
      return 'skipped';
    }
    const run = ok(response);
    handle.claimedAt = Date.now();
    await this.finish(handle, run, () => this.execute(handle, run));
    return 'done';
  }

  /**
   * A run claimed by this node that no part of this process is working on: the node
   * restarted while it was under way. It is never started again blindly (it may have had
   * effects, or be running still): a container still there is re-attached and reported as
   * usual; otherwise the run is reported failed with RESTART_REASON.
   */
  async resume(handle: RunHandle, run: Run): Promise<ExecutionOutcome> {
    handle.claimedAt = Date.now();
    if (this.claimAttempted.has(run.id) && run.status === 'initializing') {
      // Our own claim went through but its answer was lost: nothing was started yet.
      await this.finish(handle, run, () => this.execute(handle, run));
      return 'done';
    }
    this.claimAttempted.add(run.id);
    await this.finish(handle, run, () => this.reattach(handle, run));
    return 'done';
  }

  private async finish(handle: RunHandle, run: Run, work: () => Promise<RunReport>): Promise<void> {
    const log = this.deps.log.child({ run_id: run.id, task_id: run.task_id });
    let report: RunReport;
    try {
      report = await work();
    } catch (error) {
      log.error({ err: error }, 'the node failed while handling the run');
      report = {
        status: 'failed',
        reason: `the node could not run it: ${(error as Error).message}`,
      };
    }
    await this.deps.reporter.report(run.id, await this.encode(report, run, log));
    if (!this.deps.config.keep_run_dirs) {
      try {
        removeRunDir(runDirOf(this.deps.config.work_dir, run.id));
      } catch (error) {
        log.warn({ err: error }, 'could not remove the run directory');
      }
    }
  }

  /** The report as the server may hold it (encrypted for the task's organization). */
  private async encode(report: RunReport, run: Run, log: Logger): Promise<RunReport> {
    try {
      return await this.deps.codec.encodeReport(report, run.task_id);
    } catch (error) {
      log.error({ err: error }, 'could not encrypt the run report');
      // Neither the result nor the log may reach the server in clear.
      return {
        status: 'failed',
        reason: `the result could not be encrypted for the task's organization: ${(error as Error).message}`,
      };
    }
  }

  private async execute(handle: RunHandle, run: Run): Promise<RunReport> {
    const { config, session, runtime } = this.deps;
    const task: Task = ok(
      await session.call((api) => api.tasks.get({ params: { id: run.task_id } })),
    );

    const policy = checkPolicies(config.policies, task);
    if (!policy.allowed) return { status: 'not_allowed', reason: policy.reason };
    const decoded = await this.deps.codec.decodeInput(run.input);
    if (!decoded.ok) return { status: 'failed', reason: decoded.reason };
    const input = parseTaskInput(decoded.text);
    if (!input.ok) return { status: 'failed', reason: input.reason };
    const databases = resolveDatabases(task.databases, config.databases);
    if (!databases.ok) return { status: 'failed', reason: databases.reason };
    if (handle.stopReason) return stoppedReport(handle.stopReason, config);

    const runDir = runDirOf(config.work_dir, run.id);
    const token = await this.containerToken(run.id);
    prepareRunDir(runDir, {
      input: input.input,
      token,
      context: {
        taskId: task.id,
        runId: run.id,
        organizationId: run.organization_id,
        collaborationId: task.collaboration_id,
        image: task.image,
        databases: runtime.contextDatabases(databases.databases),
      },
    });
    const proxy = await this.startProxy(runDir, token, task);
    try {
      let running: RunningAlgorithm;
      try {
        running = await runtime.start({
          runId: run.id,
          taskId: task.id,
          image: task.image,
          runDir,
          databases: databases.databases,
        });
      } catch (error) {
        if (error instanceof ImageUnavailableError)
          return { status: 'failed', reason: error.message };
        throw error;
      }
      return await this.supervise(handle, running, runDir, Date.now());
    } finally {
      await proxy.close();
    }
  }

  private async reattach(handle: RunHandle, run: Run): Promise<RunReport> {
    const { config, runtime, log } = this.deps;
    const runDir = runDirOf(config.work_dir, run.id);
    const running = await runtime.recover(run.id, runDir);
    if (!running) {
      log.warn({ run_id: run.id }, 'a run was left behind by a restart: reporting it failed');
      return { status: 'failed', reason: RESTART_REASON };
    }
    // It may still create subtasks: give it a proxy again. Without one it can still finish.
    let proxy: Proxy | undefined;
    try {
      const task = ok(
        await this.deps.session.call((api) => api.tasks.get({ params: { id: run.task_id } })),
      );
      // The algorithm holds the token in its run dir: the new proxy must accept that one.
      const token = readRunToken(runDir) ?? (await this.containerToken(run.id));
      proxy = await this.startProxy(runDir, token, task);
    } catch (error) {
      log.warn({ err: error, run_id: run.id }, 'no proxy for the re-attached run');
    }
    try {
      // The time limit counts from the run's start, before the restart too.
      const startedAt = run.started_at ? Date.parse(run.started_at) : Date.now();
      return await this.supervise(handle, running, runDir, startedAt);
    } finally {
      await proxy?.close();
    }
  }

  /**
   * Waits for the algorithm (killing it if the run is stopped or goes past the time limit,
   * counted from `startedAt`) and turns its exit into a report.
   */
  private async supervise(
    handle: RunHandle,
    running: RunningAlgorithm,
    runDir: string,
    startedAt: number,
  ): Promise<RunReport> {
    const { config } = this.deps;
    let exited = false;
    let stoppedWhileRunning: StopReason | undefined;
    const unsubscribe = handle.onStop(() => {
      if (exited) return;
      stoppedWhileRunning = handle.stopReason;
      running
        .kill()
        .catch((error: unknown) =>
          this.deps.log.error({ err: error, run_id: handle.runId }, 'kill failed'),
        );
    });
    const limit = config.max_run_seconds;
    const timer =
      limit === undefined
        ? undefined
        : setTimeout(
            () => handle.stop('timeout'),
            Math.max(0, startedAt + limit * 1000 - Date.now()),
          );
    await this.deps.reporter.markActive(handle.runId);
    let exit;
    try {
      exit = await running.wait();
    } finally {
      exited = true;
      clearTimeout(timer);
      unsubscribe();
    }
    const log = exit.log;
    // Stopped, unless it managed to finish properly anyway.
    if (stoppedWhileRunning && exit.exitCode !== 0) {
      return stoppedReport(stoppedWhileRunning, config, log);
    }
    if (exit.exitCode !== 0) {
      // The reason is stored in clear: in an encrypted collaboration the log stays in the log.
      const tail = this.deps.codec.encrypted ? '' : log.trim().slice(-LOG_TAIL_IN_REASON);
      return {
        status: 'crashed',
        log,
        reason: `the algorithm exited with code ${exit.exitCode}${tail ? `; end of its log:\n${tail}` : ''}`,
      };
    }
    const output = readOutput(runDir);
    if (!output.ok) return { status: 'failed', log, reason: output.reason };
    return { status: 'completed', result: output.text, log };
  }

  private async containerToken(runId: number): Promise<string> {
    const body = ok(
      await this.deps.session.call((api) => api.token.container({ body: { run_id: runId } })),
    );
    return body.container_token;
  }

  private startProxy(runDir: string, containerToken: string, task: Task): Promise<Proxy> {
    return startProxy({
      socketPath: path.join(runDir, RUN_FILES.proxySocket),
      serverUrl: this.deps.config.server_url,
      containerToken,
      task,
      log: this.deps.log,
      codec: this.deps.codec,
    });
  }
}
