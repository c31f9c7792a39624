import { Client } from 'pg';
import type { QueryStat } from './child-protocol';
import { processCpuMs } from './cpu';
import type { DbTarget } from './database';
import type { ChildServer } from './launcher';

const TOP = 8;
const EXPLAINED = 4;
const CONTROL = /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SELECT 1$)/i;

const oneLine = (sql: string, max = 220) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** A measured phase of one server: its CPU-profile window and what it did. */
export interface PhaseWindow {
  label: string;
  db: string;
  /** the server's CPU profile file, and the window within it (µs, the profile's clock) */
  profile: string;
  startUs: number;
  endUs: number;
  operations: number;
  /** the server process's CPU time in the phase, from /proc (user + system, all threads) */
  cpuMs: number;
  queries?: string;
}

export interface PhaseStart {
  server: ChildServer;
  startUs: number;
  cpuMs: number;
}

/**
 * With --profile: marks each measured phase in the server's CPU profile, and on Postgres logs
 * the server's queries in it (count per operation, time) and runs EXPLAIN (ANALYZE, BUFFERS)
 * of the costliest ones, with the parameters one real call used, on the benchmark's own
 * database, inside a rolled-back transaction.
 */
export class PhaseReport {
  readonly windows: PhaseWindow[] = [];

  constructor(private readonly enabled: boolean) {}

  /** Starts a phase: forgets the queries so far (setup) and notes the time. */
  async begin(server: ChildServer): Promise<PhaseStart | undefined> {
    if (!this.enabled || !server.profile) return undefined;
    if (server.mode === 'federa') await server.queries(true);
    return { server, startUs: await server.clock(), cpuMs: processCpuMs(server.pid) };
  }

  async end(
    start: PhaseStart | undefined,
    target: DbTarget,
    label: string,
    operations: number,
  ): Promise<void> {
    if (!start) return;
    const { server } = start;
    const endUs = await server.clock();
    const cpuMs = processCpuMs(server.pid) - start.cpuMs;
    const window: PhaseWindow = {
      label,
      db: target.kind,
      profile: server.profile!,
      startUs: start.startUs,
      endUs,
      operations,
      cpuMs,
    };
    if (server.mode === 'federa' && target.pgUrl) {
      window.queries = await this.queries(await server.queries(true), target.pgUrl, operations);
    }
    this.windows.push(window);
  }

  private async queries(all: QueryStat[], url: string, operations: number): Promise<string> {
    const stats = all.sort((a, b) => b.totalMs - a.totalMs);
    if (!stats.length) return 'no queries logged';
    const total = stats.reduce((sum, s) => sum + s.count, 0);
    const totalMs = stats.reduce((sum, s) => sum + s.totalMs, 0);
    const lines = [
      `${total} queries (${(total / operations).toFixed(1)} per operation, including BEGIN/COMMIT), ` +
        `${totalMs.toFixed(0)} ms summed from the server's side (${(totalMs / operations).toFixed(2)} ms per ` +
        "operation; this includes waiting for the server's own busy event loop).",
      '',
      '| per op | mean ms | max ms | total ms | SQL |',
      '|---:|---:|---:|---:|---|',
      ...stats
        .slice(0, TOP)
        .map(
          (s) =>
            `| ${(s.count / operations).toFixed(2)} | ${(s.totalMs / s.count).toFixed(2)} | ${s.maxMs.toFixed(1)} | ` +
            `${s.totalMs.toFixed(0)} | \`${oneLine(s.sql).replace(/\|/g, '\\|')}\` |`,
        ),
      '',
    ];
    const explain = stats.filter((s) => !CONTROL.test(s.sql.trim())).slice(0, EXPLAINED);
    for (const stat of explain) lines.push(...(await this.explain(url, stat)));
    return lines.join('\n');
  }

  private async explain(url: string, stat: QueryStat): Promise<string[]> {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('BEGIN');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${stat.sql}`,
        stat.sampleParams,
      );
      return [
        `<details><summary>EXPLAIN ANALYZE: <code>${oneLine(stat.sql, 120).replace(/</g, '&lt;')}</code></summary>`,
        '',
        '```',
        `-- params: ${JSON.stringify(stat.sampleParams).slice(0, 300)}`,
        ...plan.rows.map((r) => r['QUERY PLAN']),
        '```',
        '</details>',
        '',
      ];
    } catch (error) {
      return [`EXPLAIN of \`${oneLine(stat.sql, 120)}\` failed: ${String(error)}`, ''];
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
  }
}
