/** Messages between the benchmark and a server it runs in a child process (over IPC). */

export type ChildMode = 'federa' | 'bare-io' | 'bare-http';

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface QueryStat {
  sql: string;
  count: number;
  totalMs: number;
  maxMs: number;
  /** the parameters of one call, to EXPLAIN it */
  sampleParams: unknown[];
}

export type ChildCommand =
  | { type: 'memory'; gc: boolean }
  | { type: 'queries'; reset: boolean }
  /** the child's monotonic clock in µs: the clock of V8's CPU profiles */
  | { type: 'clock' }
  /** process.cpuUsage(): user + system of every thread, µs resolution (/proc has 10 ms) */
  | { type: 'cpu' }
  | { type: 'stop' };

export type ChildRequest = ChildCommand & { id: number };

export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; data: unknown };
