import path from 'node:path';
import type { ChildMode } from './child-protocol';
import { createDbTarget, type DbKind, type DbTarget, hasTemplate, useAsTemplate } from './database';
import { ROOT } from './federation';
import { ChildServer } from './launcher';
import type { Options } from './options';
import { type PhaseReport } from './phase-report';

/** One line of the results table: a Federa figure beside its bare baseline. */
export interface Row {
  bench: string;
  db: DbKind;
  metric: string;
  unit: string;
  federa: number;
  baseline: number;
  /** which direction is good: the ratio is always "how much more Federa costs" */
  better: 'lower' | 'higher';
  note?: string;
}

/** Federa ÷ baseline for times and memory; baseline ÷ Federa for rates and counts. */
export const ratio = (row: Row): number =>
  row.better === 'lower' ? row.federa / row.baseline : row.baseline / row.federa;

/** The server's environment in every benchmark (plus the database's, plus overrides). */
export const SERVER_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  ROOT_USERNAME: ROOT.username,
  ROOT_PASSWORD: ROOT.password,
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  // a long run must not see its tokens expire mid-measurement
  ACCESS_TOKEN_TTL: '14400',
  // simulated nodes send no heartbeats; the presence sweep should not flip them offline
  NODE_HEARTBEAT_TIMEOUT: '14400',
};

/** What a benchmark gets: options, its database kind, servers it may start, a log. */
export class BenchContext {
  private readonly cleanups: (() => Promise<void>)[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly options: Options,
    readonly db: DbKind,
    readonly bench: string,
    /** shared by the whole run: baselines that do not depend on the database are measured once */
    readonly cache: Map<string, unknown>,
    readonly phases: PhaseReport,
    private readonly profileDir: string | undefined,
  ) {}

  log(message: string): void {
    const time = new Date().toISOString().slice(11, 19);
    console.error(`[${time}] ${this.bench}/${this.db}: ${message}`);
  }

  /** A fresh database and a Federa server child on it; both go away after the benchmark. */
  async federa(
    label: string,
    env: Record<string, string> = {},
  ): Promise<{ server: ChildServer; target: DbTarget }> {
    if (!hasTemplate(this.db)) {
      this.log('preparing a template database (migrations, RBAC, root user)');
      const template = await createDbTarget(this.db, 'template');
      const server = await ChildServer.launch('federa', {
        env: { ...SERVER_ENV, ...template.serverEnv },
        name: 'template',
      });
      await server.stop();
      useAsTemplate(template);
    }
    const target = await createDbTarget(this.db, `${this.bench}_${label}`);
    this.defer(() => target.drop());
    return { server: await this.federaOn(target, label, env), target };
  }

  /** A Federa server child on an existing database (a restart: a process of its own, fresh). */
  async federaOn(
    target: DbTarget,
    label: string,
    env: Record<string, string> = {},
  ): Promise<ChildServer> {
    const queryLog = this.options.profile && this.db === 'postgres';
    const server = await ChildServer.launch('federa', {
      env: {
        ...SERVER_ENV,
        ...target.serverEnv,
        ...(queryLog ? { BENCH_QUERY_LOG: '1' } : {}),
        ...env,
      },
      profileDir: this.profileDir,
      name: `${this.bench}-${label}-${this.db}-federa`,
    });
    this.defer(() => server.stop());
    return server;
  }

  /** A bare baseline server child; `target` gives bare-http its database. */
  async bare(
    mode: Exclude<ChildMode, 'federa'>,
    label: string,
    target?: DbTarget,
  ): Promise<ChildServer> {
    const env: Record<string, string> = {};
    if (target?.pgUrl) env.BENCH_PG_URL_TARGET = target.pgUrl;
    if (target?.pgliteDir) env.BENCH_PGLITE_DIR = target.pgliteDir;
    const server = await ChildServer.launch(mode, {
      env,
      profileDir: this.profileDir,
      name: `${this.bench}-${label}-${this.db}-${mode}`,
    });
    this.defer(() => server.stop());
    return server;
  }

  defer(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  /** Runs the cleanups, newest first; a failing one does not stop the others. */
  async close(): Promise<void> {
    while (this.cleanups.length) {
      await this.cleanups.pop()!().catch((error: unknown) => this.log(`cleanup: ${String(error)}`));
    }
  }
}

export const RESULTS_DIR = path.resolve(__dirname, '..');
