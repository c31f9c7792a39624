import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { RUN_DIR_ENV, type RunDatabase } from '@federa/contract';
import { type RunDatabaseSource, sqlRunDatabase } from '../databases';
import type { Logger } from '../logger';
import { LogBuffer } from './log-buffer';
import { detectNodeVersion, permissionFlags, type NodeVersion } from './node-permission';
import {
  ImageUnavailableError,
  type AlgorithmExit,
  type RunSpec,
  type Runtime,
  type RunningAlgorithm,
} from './runtime';

export interface ProcessRuntimeOptions {
  /** node binary; default: the one running the node */
  node?: string;
  /** image name → absolute path of the algorithm's JS bundle */
  images: Record<string, string>;
}

/** The pid of a run's process, kept beside its run dir so a restarted node can stop it. */
const pidFile = (runDir: string) => `${runDir}.pid`;

/**
 * The embedded runtime: an algorithm is one JS bundle run as a child `node` process under
 * the permission model (reads: the bundle, the run dir, its data files; writes: the run dir;
 * no child processes). It gets only FEDERA_RUN_DIR in its environment: nothing of the node's
 * (API key, tokens) leaks into it. No network confinement exists in Node 20: use `docker`
 * when algorithms are not trusted.
 */
export class ProcessRuntime implements Runtime {
  readonly kind = 'process';
  private readonly node: string;
  private version: NodeVersion | undefined;

  constructor(
    private readonly options: ProcessRuntimeOptions,
    private readonly log: Logger,
  ) {
    this.node = options.node ?? process.execPath;
  }

  async init(): Promise<void> {
    try {
      this.version = detectNodeVersion(this.node);
    } catch (error) {
      throw new Error(`the process runtime cannot run ${this.node}: ${(error as Error).message}`);
    }
    permissionFlags(this.version, [], []); // throws when this node is too old
    this.log.info(
      { node: this.node, version: `${this.version.major}.${this.version.minor}` },
      'process runtime ready',
    );
  }

  contextDatabases(databases: RunDatabaseSource[]): RunDatabase[] {
    return databases.map((db) =>
      db.type === 'csv' ? { label: db.label, type: 'csv', uri: db.hostPath } : sqlRunDatabase(db),
    );
  }

  async start(spec: RunSpec): Promise<RunningAlgorithm> {
    const bundle = this.options.images[spec.image];
    if (!bundle) {
      throw new ImageUnavailableError(
        `image "${spec.image}" not available: this node has no bundle for it (process.images)`,
      );
    }
    if (!existsSync(bundle)) {
      throw new ImageUnavailableError(
        `image "${spec.image}" not available: its bundle ${bundle} does not exist`,
      );
    }
    // The permission model compares real paths: resolve symlinks (e.g. /tmp on macOS).
    const real = (p: string) => realpathSync(p);
    const runDir = real(spec.runDir);
    const dataFiles = spec.databases.flatMap((db) =>
      db.type === 'csv' ? [real(db.hostPath)] : [],
    );
    const flags = permissionFlags(
      this.version ?? detectNodeVersion(this.node),
      [real(bundle), runDir, ...dataFiles],
      [runDir],
    );
    const child = spawn(this.node, [...flags, real(bundle)], {
      cwd: runDir,
      env: { [RUN_DIR_ENV]: runDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches anything it might have started.
      detached: true,
    });
    const running = new ChildAlgorithm(child, spec.runDir);
    await running.started;
    if (child.pid) writeFileSync(pidFile(spec.runDir), `${child.pid}\n${runDir}\n`);
    this.log.debug({ run_id: spec.runId, pid: child.pid, bundle }, 'algorithm process started');
    return running;
  }

  /**
   * A child process cannot be re-attached after the node restarted (its pipes died with the
   * old node). If it still runs, stop it: the run is reported failed by the caller.
   */
  async recover(runId: number, runDir: string): Promise<RunningAlgorithm | undefined> {
    const file = pidFile(runDir);
    if (!existsSync(file)) return undefined;
    const [pidText, dir] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText);
    try {
      // Only if that pid is still our algorithm (pids get reused).
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (pid > 0 && dir && cmdline.includes(dir)) {
        process.kill(-pid, 'SIGKILL');
        this.log.warn(
          { run_id: runId, pid },
          'stopped the algorithm process a previous node left running',
        );
      }
    } catch {
      // Gone already (or no /proc here): nothing to stop.
    }
    rmSync(file, { force: true });
    return undefined;
  }
}

class ChildAlgorithm implements RunningAlgorithm {
  readonly started: Promise<void>;
  private readonly exited: Promise<AlgorithmExit>;
  private readonly logs = new LogBuffer();

  constructor(
    private readonly child: ChildProcess,
    private readonly runDir: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.logs.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk));
    this.started = new Promise((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
    // 'close' (not 'exit'): the pipes are drained, so the log is complete.
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        rmSync(pidFile(this.runDir), { force: true });
        const bySignal = signal ? 128 + (constants.signals[signal] ?? 0) : 1;
        resolve({ exitCode: code ?? bySignal, log: this.logs.toString() });
      });
    });
  }

  wait(): Promise<AlgorithmExit> {
    return this.exited;
  }

  async kill(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL'); // the group is gone: make sure the child is too
    }
  }
}
