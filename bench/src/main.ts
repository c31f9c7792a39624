#!/usr/bin/env node
/**
 * `pnpm bench`: every benchmark against its bare baseline, on Postgres and PGlite; prints the
 * table and writes bench/RESULTS.md. `--smoke` for a run of under a minute; `--help` for flags.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { BenchContext, RESULTS_DIR, type Row, ratio } from './context';
import { createBench } from './create.bench';
import { type DbKind, dropAll, PG_ADMIN_URL, postgresReachable } from './database';
import { fanoutBench } from './fanout.bench';
import { idleBench } from './idle.bench';
import { type BenchName, parseOptions, USAGE } from './options';
import { pollBench } from './poll.bench';
import { writeProfileSummary } from './profile-summary';
import { PhaseReport } from './phase-report';
import { type Machine, machine, table, writeReport } from './report';
import { resultsBench } from './results.bench';

const BENCHES: Record<BenchName, (ctx: BenchContext) => Promise<Row[]>> = {
  fanout: fanoutBench,
  create: createBench,
  poll: pollBench,
  idle: idleBench,
  results: resultsBench,
};

export interface RunOutput {
  rows: (Row & { ratio: number })[];
  notes: string[];
  failures: string[];
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), RESULTS_DIR);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (options.render) {
    const saved = JSON.parse(fs.readFileSync(options.render, 'utf8')) as RunOutput & {
      machine: Machine;
      command?: string;
    };
    writeReport(options.out!, { ...saved, options, command: saved.command ?? 'pnpm bench' });
    console.log(`${options.out} rewritten from ${options.render}`);
    return 0;
  }
  const reachable = await postgresReachable();
  const dbs: DbKind[] = options.dbs === 'auto' ? [reachable ? 'postgres' : 'pglite'] : options.dbs;
  if (dbs.includes('postgres') && !reachable) {
    throw new Error(
      `Postgres is not reachable at ${PG_ADMIN_URL} (set BENCH_PG_URL, or --db pglite)`,
    );
  }
  const m = machine();
  if (dbs.includes('postgres')) m.postgres = await postgresVersion();
  m.pglite = pgliteVersion();
  const stamp = m.date.replace(/[:.]/g, '-');
  const profileDir = options.profile ? path.join(RESULTS_DIR, 'profiles', stamp) : undefined;
  const phases = new PhaseReport(options.profile);
  const cache = new Map<string, unknown>();
  const rows: Row[] = [];
  const notes: string[] = [];
  const failures: string[] = [];

  for (const name of options.only) {
    for (const db of dbs) {
      const ctx = new BenchContext(options, db, name, cache, phases, profileDir);
      const start = performance.now();
      try {
        rows.push(...(await BENCHES[name](ctx)));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        ctx.log(`FAILED: ${message}`);
        failures.push(`${name} on ${db}: ${message.split('\n')[0]}`);
      } finally {
        await ctx.close();
        notes.push(...ctx.notes);
        ctx.log(`done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      }
    }
  }

  m.loadEnd = os.loadavg();
  const command = `node dist/main.js ${process.argv
    .slice(2)
    .filter((a) => a !== '--')
    .join(' ')}`.trim();
  if (options.out)
    writeReport(options.out, { machine: m, options, rows, notes, failures, command });
  const output: RunOutput = { rows: rows.map((r) => ({ ...r, ratio: ratio(r) })), notes, failures };
  if (options.json)
    fs.writeFileSync(options.json, JSON.stringify({ machine: m, command, ...output }, null, 2));
  console.log(`\n${table(rows)}\n`);
  for (const note of notes) console.log(`note: ${note}`);
  for (const failure of failures) console.log(`FAILED: ${failure}`);
  if (options.out) console.log(`written to ${options.out}`);
  if (profileDir && fs.existsSync(profileDir)) {
    console.log(`profiles and queries: ${writeProfileSummary(profileDir, phases.windows)}`);
  }
  return failures.length ? 1 : 0;
}

async function postgresVersion(): Promise<string> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return `Postgres ${rows[0]?.server_version ?? '?'}`;
  } finally {
    await client.end();
  }
}

function pgliteVersion(): string {
  // the package's exports hide package.json; find it next to the resolved entry
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir))
    dir = path.dirname(dir);
  return (
    JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }
  ).version;
}

const interrupt = (signal: string) => {
  console.error(`\n${signal}: dropping the benchmark databases…`);
  void dropAll().finally(() => process.exit(130));
};
process.on('SIGINT', () => interrupt('SIGINT'));
// a crash must not leave databases behind either
process.on('uncaughtException', (error) => {
  console.error('uncaught:', error);
  void dropAll().finally(() => process.exit(1));
});
process.on('SIGTERM', () => interrupt('SIGTERM'));

main()
  .then(async (code) => {
    await dropAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await dropAll();
    process.exit(1);
  });
