import fs from 'node:fs';
import { Client } from 'pg';

/** Linux clock ticks per second (getconf CLK_TCK; 100 on every usual kernel). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, every thread) a process has used so far, ms. */
export function processCpuMs(pid: number): number {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after "(comm)": state is the 3rd field of the line, utime the 14th, stime the 15th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU so far of each Postgres backend connected to the database of `url` (same machine). */
async function backends(url: string): Promise<Map<number, number>> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, processCpuMs(pid));
      } catch {
        // gone meanwhile, or not visible from here
      }
    }
    return cpu;
  } finally {
    await client.end();
  }
}

export interface CpuUse {
  /** the server (or baseline) process: with PGlite this includes the database */
  appMs: number;
  /** Postgres backends serving the benchmark's database (0 for PGlite) */
  dbMs: number;
}

/**
 * Measures the CPU a phase costs: the process under test plus, on Postgres, the backends of
 * its database. Robust where wall-clock figures are not: on a shared, loaded machine a request
 * takes longer, but not more CPU.
 */
export class CpuMeter {
  private constructor(
    private readonly app: () => Promise<number>,
    private readonly pgUrl: string | undefined,
    private readonly app0: number,
    private readonly db0: Map<number, number>,
  ) {}

  /** `process`: a server child (asked over IPC, µs resolution), or 'self' for this process. */
  static async start(
    process: { cpu(): Promise<number> } | 'self',
    pgUrl?: string,
  ): Promise<CpuMeter> {
    const app =
      process === 'self' ? async () => processCpuMs(globalThis.process.pid) : () => process.cpu();
    const db0 = pgUrl ? await backends(pgUrl) : new Map<number, number>();
    return new CpuMeter(app, pgUrl, await app(), db0);
  }

  async stop(): Promise<CpuUse> {
    const appMs = (await this.app()) - this.app0;
    let dbMs = 0;
    if (this.pgUrl) {
      for (const [pid, ms] of await backends(this.pgUrl)) dbMs += ms - (this.db0.get(pid) ?? 0);
    }
    return { appMs, dbMs };
  }
}

export const cpuNote = (use: CpuUse, operations: number, who = 'server') =>
  `${who} ${(use.appMs / operations).toFixed(2)} + Postgres ${(use.dbMs / operations).toFixed(2)} ms/op`;
