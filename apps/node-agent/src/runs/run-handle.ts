/** Why the node stops a run before its algorithm finished. */
export type StopReason =
  /** the server sent kill_task (a user killed the task) */
  | 'killed'
  /** a sync found the run finished on the server (killed while we missed the event) */
  | 'gone'
  /** the node is shutting down and the run did not finish in time */
  | 'shutdown'
  /** the run went past the node's max_run_seconds */
  | 'timeout';

/** The node's handle on one run it is working on: lets others ask it to stop. */
export class RunHandle {
  stopReason: StopReason | undefined;
  /** When the node's claim succeeded (0: not claimed yet). */
  claimedAt = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly runId: number) {}

  stop(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` on stop (at once when already stopped); returns an unsubscribe. */
  onStop(listener: () => void): () => void {
    if (this.stopReason) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
