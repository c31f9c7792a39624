import { parseArgs } from 'node:util';
import type { DbKind } from './database';

export const BENCHMARKS = ['fanout', 'create', 'poll', 'idle', 'results'] as const;
export type BenchName = (typeof BENCHMARKS)[number];

export interface Options {
  smoke: boolean;
  only: BenchName[];
  /** 'auto': Postgres when reachable, else PGlite */
  dbs: DbKind[] | 'auto';
  /** create and poll: how long each measured phase runs, ms */
  durationMs: number;
  /** create and poll: an unmeasured phase first, ms */
  warmupMs: number;
  fanoutNodes: number[];
  /** measured tasks per fan-out size (after one warm-up task) */
  fanoutTasks: number;
  createConcurrency: number;
  pollers: number;
  pollTasks: number;
  idleTarget: number;
  /** idle: stop connecting once the server's RSS grew this much, MB */
  idleMaxMb: number;
  resultSizesMb: number[];
  /** also try the largest result against the default MAX_BODY_BYTES */
  defaultLimitCheck: boolean;
  /** --cpu-prof the server children, log and EXPLAIN the server's queries */
  profile: boolean;
  out: string | undefined;
  json: string | undefined;
  /** re-render the report from a --json file of an earlier run, without running anything */
  render: string | undefined;
}

export const USAGE = `usage: node dist/main.js [flags]

  --only LIST        benchmarks to run, comma-separated: ${BENCHMARKS.join(',')} (default: all)
  --db KIND          postgres | pglite | both (default: both; smoke: Postgres if reachable, else PGlite)
  --smoke            tiny sizes and short phases, finishes in under a minute
  --duration S       seconds per measured phase of create and poll (default 30, smoke 2)
  --fanout-nodes L   fan-out sizes (default 10,100,1000; smoke 3,10)
  --fanout-tasks N   measured tasks per fan-out size (default 20, at most 3 for N ≥ 1000; smoke 3)
  --concurrency N    concurrent task creators (default 16)
  --pollers N        concurrent GET /task/{id} pollers (default 50)
  --idle-target N    idle node connections to open (default 10000; smoke 300)
  --idle-max-mb N    stop opening them once the server grew this many MB (default 4096)
  --result-sizes L   result sizes in MB (default 1,10,100; smoke 0.1,1)
  --profile          CPU-profile the server children (bench/profiles/), log and EXPLAIN queries
  --out FILE         markdown report (default bench/RESULTS.md; smoke bench/RESULTS.smoke.md)
  --json FILE        the rows as JSON too
  --render FILE      rewrite --out from the --json FILE of an earlier run (runs nothing)
`;

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const numbers = (value: string) => list(value).map(Number);

export function parseOptions(argv: string[], resultsDir: string): Options | 'help' {
  const { values } = parseArgs({
    // `pnpm bench -- --flag` passes the "--" through
    args: argv.filter((arg) => arg !== '--'),
    options: {
      only: { type: 'string' },
      db: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      duration: { type: 'string' },
      'fanout-nodes': { type: 'string' },
      'fanout-tasks': { type: 'string' },
      concurrency: { type: 'string', default: '16' },
      pollers: { type: 'string', default: '50' },
      'idle-target': { type: 'string' },
      'idle-max-mb': { type: 'string', default: '4096' },
      'result-sizes': { type: 'string' },
      profile: { type: 'boolean', default: false },
      out: { type: 'string' },
      json: { type: 'string' },
      render: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const smoke = values.smoke;
  const only = values.only ? list(values.only) : [...BENCHMARKS];
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name))
      throw new Error(`unknown benchmark "${name}"`);
  }
  // a smoke run takes one database unless told otherwise (main picks Postgres when reachable)
  const db = values.db ?? (smoke ? 'auto' : 'both');
  const dbs: DbKind[] | 'auto' =
    db === 'auto'
      ? 'auto'
      : db === 'both'
        ? ['postgres', 'pglite']
        : db === 'postgres' || db === 'pglite'
          ? [db]
          : [];
  if (!dbs.length) throw new Error(`--db must be postgres, pglite or both, not "${db}"`);
  const options: Options = {
    smoke,
    only: only as BenchName[],
    dbs,
    durationMs: Number(values.duration ?? (smoke ? 2 : 30)) * 1000,
    warmupMs: smoke ? 500 : 3000,
    fanoutNodes: numbers(values['fanout-nodes'] ?? (smoke ? '3,10' : '10,100,1000')),
    fanoutTasks: Number(values['fanout-tasks'] ?? (smoke ? 3 : 20)),
    createConcurrency: Number(values.concurrency),
    pollers: Number(values.pollers),
    pollTasks: smoke ? 10 : 200,
    // a few hundred sockets: fewer leave the per-connection memory inside the allocator's noise
    idleTarget: Number(values['idle-target'] ?? (smoke ? 300 : 10_000)),
    idleMaxMb: Number(values['idle-max-mb']),
    resultSizesMb: numbers(values['result-sizes'] ?? (smoke ? '0.1,1' : '1,10,100')),
    defaultLimitCheck: !smoke,
    profile: values.profile,
    out: values.out ?? `${resultsDir}/${smoke ? 'RESULTS.smoke.md' : 'RESULTS.md'}`,
    json: values.json,
    render: values.render,
  };
  const bad = Object.entries(options).find(([, v]) => typeof v === 'number' && !(v > 0));
  if (bad) throw new Error(`--${bad[0]} must be a positive number`);
  return options;
}
