import type { RunDatabase } from '@federa/contract';
import type { RunDatabaseSource } from '../databases';

/** What a runtime needs to start one algorithm. */
export interface RunSpec {
  runId: number;
  taskId: number;
  image: string;
  /** Host path of the run directory (input.json, context.json, token, proxy.sock). */
  runDir: string;
  databases: RunDatabaseSource[];
}

/** How an algorithm ended. */
export interface AlgorithmExit {
  /** The process's exit code; 128 + signal number when a signal ended it. */
  exitCode: number;
  /** stdout and stderr, interleaved as far as the runtime can tell, trimmed to a bound. */
  log: string;
}

/** An algorithm that has started. */
export interface RunningAlgorithm {
  /** Resolves once the algorithm has exited and its logs are collected (and it is cleaned up). */
  wait(): Promise<AlgorithmExit>;
  /** Stops it now; `wait()` then resolves. Safe to call twice or after it exited. */
  kill(): Promise<void>;
}

/** The image cannot be run here: not installed, not pullable, no bundle configured. */
export class ImageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageUnavailableError';
  }
}

/** Runs algorithms. `docker` and `process` implement the same file protocol. */
export interface Runtime {
  readonly kind: 'docker' | 'process';
  /** Checks the runtime works (engine reachable, node binary usable); throws a clear error. */
  init(): Promise<void>;
  /** The databases as the algorithm will see them (paths inside a container, or real paths). */
  contextDatabases(databases: RunDatabaseSource[]): RunDatabase[];
  /** Starts the algorithm; ImageUnavailableError when the image cannot be run. */
  start(spec: RunSpec): Promise<RunningAlgorithm>;
  /**
   * After a restart: the algorithm of a run the node had started before, if it still exists
   * (to wait for it again). Anything left that cannot be re-attached is stopped.
   */
  recover(runId: number, runDir: string): Promise<RunningAlgorithm | undefined>;
}

/** Logs are stored with the run (the server takes up to 1 000 000 characters): keep the end. */
export const MAX_LOG_CHARS = 990_000;

export function boundLog(log: string, max = MAX_LOG_CHARS): string {
  if (log.length <= max) return log;
  return `[… ${log.length - max} earlier characters cut]\n${log.slice(-max)}`;
}
