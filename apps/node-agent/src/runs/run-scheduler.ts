import type { Run } from '@federa/contract';
import type { Logger } from '../logger';
import type { ExecutionOutcome } from './run-executor';
import { RunHandle, type StopReason } from './run-handle';

/** A run to work on: a pending one to claim, or one of ours a restart left behind. */
export type RunJob =
  | { kind: 'pending'; runId: number }
  | { kind: 'resume'; runId: number; run: Run };

export type RunWorker = (job: RunJob, handle: RunHandle) => Promise<ExecutionOutcome>;

/**
 * Runs jobs with at most `maxConcurrent` at a time, each run at most once per node process:
 * a run is queued once, and once done (or found to be someone else's) it is never taken again.
 * A job that failed before its claim (server unreachable) is forgotten, and the next sync
 * offers it again.
 */
export class RunScheduler {
  private readonly queue: { job: RunJob; handle: RunHandle }[] = [];
  private readonly handles = new Map<number, RunHandle>();
  private readonly settled = new Set<number>();
  private readonly idleWaiters = new Set<() => void>();
  private running = 0;
  private accepting = true;

  constructor(
    private readonly maxConcurrent: number,
    private readonly worker: RunWorker,
    private readonly log: Logger,
  ) {}

  /** Queues a job unless the run is queued, under way or settled already. */
  submit(job: RunJob): boolean {
    if (!this.accepting || this.handles.has(job.runId) || this.settled.has(job.runId)) return false;
    const handle = new RunHandle(job.runId);
    this.handles.set(job.runId, handle);
    this.queue.push({ job, handle });
    this.pump();
    return true;
  }

  /** Whether the node is working on the run (queued or under way) or has finished with it. */
  knows(runId: number): boolean {
    return this.handles.has(runId) || this.settled.has(runId);
  }

  /** Stops a run: drops it from the queue, or tells its executor to stop the algorithm. */
  stop(runId: number, reason: StopReason): void {
    const queued = this.queue.findIndex((q) => q.job.runId === runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.handles.delete(runId);
      this.notifyIfIdle();
      return;
    }
    this.handles.get(runId)?.stop(reason);
  }

  /** Runs claimed and under way (for heartbeats and syncs). */
  claimed(): RunHandle[] {
    return [...this.handles.values()].filter((h) => h.claimedAt > 0);
  }

  /** Takes no more jobs and forgets the queued ones (unclaimed: they stay pending on the server). */
  stopAccepting(): void {
    this.accepting = false;
    for (const { job } of this.queue.splice(0)) this.handles.delete(job.runId);
    this.notifyIfIdle();
  }

  stopAll(reason: StopReason): void {
    for (const handle of this.handles.values()) handle.stop(reason);
  }

  /** Resolves true when nothing is under way, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.handles.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(onIdle);
        resolve(value);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(onIdle);
    });
  }

  private pump(): void {
    while (this.running < this.maxConcurrent && this.queue.length > 0) {
      const { job, handle } = this.queue.shift()!;
      this.running++;
      this.worker(job, handle)
        .then(() => this.settled.add(job.runId))
        .catch((error: unknown) => {
          // Before a claim: nothing happened to the run; the next sync offers it again.
          this.log.warn(
            { err: error, run_id: job.runId },
            'could not take the run; will retry at the next sync',
          );
        })
        .finally(() => {
          this.running--;
          this.handles.delete(job.runId);
          this.notifyIfIdle();
          this.pump();
        });
    }
  }

  private notifyIfIdle(): void {
    if (this.handles.size > 0) return;
    for (const waiter of [...this.idleWaiters]) waiter();
  }
}
