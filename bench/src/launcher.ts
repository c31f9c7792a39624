import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type {
  ChildCommand,
  ChildMessage,
  ChildMode,
  ChildRequest,
  MemoryUsage,
  QueryStat,
} from './child-protocol';

/** The compiled child entry: the benchmark always runs from dist/ (see package.json). */
const CHILD = path.join(__dirname, 'child.js');

export interface LaunchOptions {
  env: Record<string, string>;
  /** write a V8 CPU profile of the child to this directory (node --cpu-prof) */
  profileDir?: string;
  /** file name of the profile, without extension */
  name: string;
}

export interface ProcMemory {
  /** resident set size now, bytes */
  rss: number;
  /** peak resident set size since start or the last resetPeak(), bytes */
  peak: number;
}

/** A server running in a child process, with its memory readable from /proc. */
export class ChildServer {
  private nextId = 1;
  private readonly pending = new Map<number, (data: unknown) => void>();
  private exited: Promise<void>;
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly mode: ChildMode,
    /** the CPU profile's file name when profiling */
    readonly profile: string | undefined,
  ) {
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'reply') return;
      this.pending.get(message.id)?.(message.data);
      this.pending.delete(message.id);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async launch(mode: ChildMode, options: LaunchOptions): Promise<ChildServer> {
    const execArgv = ['--expose-gc'];
    if (options.profileDir) {
      fs.mkdirSync(options.profileDir, { recursive: true });
      execArgv.push(
        '--cpu-prof',
        `--cpu-prof-dir=${options.profileDir}`,
        `--cpu-prof-name=${options.name}.cpuprofile`,
      );
    }
    const child = fork(CHILD, [mode], {
      // an explicit environment: nothing of the bench's own (DATABASE_URL…) leaks in
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      execArgv,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    let timer: NodeJS.Timeout | undefined;
    const url = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${mode} child did not start in 60 s`)), 60_000);
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(message.url);
        if (message.type === 'failed')
          reject(new Error(`${mode} child failed: ${message.message}`));
      });
      child.once('exit', (code) => reject(new Error(`${mode} child exited (${code}): ${stderr}`)));
      child.once('error', reject);
    })
      .catch((error: unknown) => {
        child.kill('SIGKILL');
        throw error;
      })
      .finally(() => clearTimeout(timer));
    const server = new ChildServer(
      child,
      url,
      mode,
      options.profileDir ? `${options.name}.cpuprofile` : undefined,
    );
    child.once('exit', (code, signal) => {
      if (!server.stopping) {
        console.error(
          `${mode} child ${child.pid} died (code ${code}, signal ${signal}); stderr:\n${stderr}`,
        );
      }
    });
    return server;
  }

  get pid(): number {
    return this.child.pid!;
  }

  private ask<T>(request: ChildCommand, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.mode} child: no answer to ${request.type}`));
      }, timeoutMs);
      this.pending.set(id, (data) => {
        clearTimeout(timer);
        resolve(data as T);
      });
      this.child.send({ ...request, id } as ChildRequest);
    });
  }

  /** V8's view (heap) and the process's, optionally after a full GC. */
  memory(gc = true): Promise<MemoryUsage> {
    return this.ask({ type: 'memory', gc });
  }

  /** The server's queries since the last reset (Federa on Postgres with the query log only). */
  queries(reset = true): Promise<QueryStat[]> {
    return this.ask({ type: 'queries', reset });
  }

  /** CPU time the child has used so far, ms (user + system, all threads, from the child). */
  cpu(): Promise<number> {
    return this.ask({ type: 'cpu' });
  }

  /** The child's monotonic clock, µs (the timestamps of its CPU profile). */
  clock(): Promise<number> {
    return this.ask({ type: 'clock' });
  }

  /** RSS and peak RSS (VmHWM) from /proc: exact, and readable while the child is busy. */
  proc(): ProcMemory {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  }

  /** Resets the peak RSS to the current RSS (Linux clear_refs 5). */
  resetPeak(): void {
    fs.writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await Promise.race([this.ask({ type: 'stop' }, 20_000).catch(() => undefined), this.exited]);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}
