import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresReachable } from '../src/database';

interface Output {
  rows: {
    bench: string;
    db: string;
    metric: string;
    federa: number;
    baseline: number;
    ratio: number;
  }[];
  notes: string[];
  failures: string[];
}

const MAIN = path.resolve(__dirname, '../dist/main.js');

/** Every row the smoke run must produce: benchmark (prefix of its name) → metrics. */
const EXPECTED: [RegExp, string[]][] = [
  [/^1 fan-out, N=3$/, ['p50 task latency', 'p99 task latency', 'CPU per task, server + database']],
  [
    /^1 fan-out, N=10$/,
    ['p50 task latency', 'p99 task latency', 'CPU per task, server + database'],
  ],
  [/^2 task creation/, ['throughput', 'p99 latency', 'CPU per task, server + database']],
  [
    /^3 GET \/task/,
    ['throughput', 'p50 latency', 'p99 latency', 'CPU per request, server + database'],
  ],
  [
    /^4 idle node connections/,
    ['connections held', 'RSS per connection', 'heap per connection', 'connect rate'],
  ],
  [
    /^5 result of 100 kB$/,
    ['upload', 'download', 'peak RSS growth, upload', 'peak RSS growth, download'],
  ],
  [
    /^5 result of 1 MB$/,
    ['upload', 'download', 'peak RSS growth, upload', 'peak RSS growth, download'],
  ],
];

/**
 * Runs the smoke benchmark (tiny sizes, 2 s phases) as `pnpm bench:smoke` would, on one
 * database: Postgres when it is reachable (BENCH_SMOKE_DB overrides), else PGlite.
 */
describe('bench --smoke', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federa-bench-smoke-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('produces every row of the table, each with a finite ratio', async () => {
    const db = process.env.BENCH_SMOKE_DB ?? ((await postgresReachable()) ? 'postgres' : 'pglite');
    const json = path.join(dir, 'smoke.json');
    const md = path.join(dir, 'smoke.md');
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [MAIN, '--smoke', '--db', db, '--out', md, '--json', json],
        { timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      );
    });
    if (code !== 0) throw new Error(`bench exited ${code}:\n${stderr.slice(-4000)}`);

    const output = JSON.parse(fs.readFileSync(json, 'utf8')) as Output;
    expect(output.failures).toEqual([]);
    for (const [bench, metrics] of EXPECTED) {
      for (const metric of metrics) {
        const row = output.rows.find(
          (r) => bench.test(r.bench) && r.metric === metric && r.db === db,
        );
        expect({ bench: bench.source, metric, found: !!row }).toEqual({
          bench: bench.source,
          metric,
          found: true,
        });
        expect({ bench: row!.bench, metric, ratio: Number.isFinite(row!.ratio) }).toEqual({
          bench: row!.bench,
          metric,
          ratio: true,
        });
      }
    }
    const report = fs.readFileSync(md, 'utf8');
    expect(report).toContain(
      '| benchmark | db | metric | Federa | bare baseline | ratio | notes |',
    );
    expect(report).toContain('## Machine');
  }, 180_000);
});
