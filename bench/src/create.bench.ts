import { API_PREFIX } from '@federa/contract';
import { openBareDb } from './bare-db';
import type { BenchContext, Row } from './context';
import { buildFederation, taskBody } from './federation';
import { HttpClient } from './http';
import { CpuMeter } from './cpu';
import { cpuRow, loadRows, noteOf } from './rows';
import { closedLoop } from './stats';

/** The rows POST /task writes for a task at 3 organizations, as the server writes them. */
const INSERT_TASK = `INSERT INTO task (name, image, "collaborationId", "jobId", "initOrgId", "initUserId", databases, status)
  VALUES ($1, 'bench/noop', $2, 0, $3, $4, '[]', 'pending') RETURNING id`;
const SET_JOB = 'UPDATE task SET "jobId" = id WHERE id = $1';
const INSERT_RUNS = `INSERT INTO run ("taskId", "organizationId", "collaborationId", input, status)
  VALUES ($1, $2, $5, $6, 'pending'), ($1, $3, $5, $6, 'pending'), ($1, $4, $5, $6, 'pending') RETURNING id`;

/**
 * 2. Task creation throughput: concurrent researchers POST /task (3 organizations each) for the
 * set duration. Baseline: the same rows (1 task + 3 runs) inserted by a bare transaction loop
 * on the same database, with the same concurrency.
 */
export async function createBench(ctx: BenchContext): Promise<Row[]> {
  const { durationMs, createConcurrency: workers } = ctx.options;
  const { server, target } = await ctx.federa('create');
  const fed = await buildFederation(server.url, 'create', 3);
  const http = new HttpClient(server.url, { maxSockets: workers, token: fed.researcher.token });
  const body = taskBody(fed.collaborationId, 'bench-create');
  const create = async () => {
    await http.json('POST', `${API_PREFIX}/task`, body);
  };
  ctx.log(`warming up, then ${workers} creators for ${durationMs / 1000} s`);
  await closedLoop(workers, ctx.options.warmupMs, create);
  const phase = await ctx.phases.begin(server);
  const federaMeter = await CpuMeter.start(server, target.pgUrl);
  const federa = await closedLoop(workers, durationMs, create);
  const federaCpu = await federaMeter.stop();
  await ctx.phases.end(
    phase,
    target,
    'create: operation = POST /task (3 organizations)',
    federa.operations,
  );
  http.close();
  ctx.log(
    `Federa: ${federa.rate.toFixed(1)} tasks/s, p99 ${federa.latency.p99.toFixed(1)} ms, ${federa.errors} errors`,
  );
  await server.stop();

  // The baseline writes into the database the server just used (PGlite: the same directory).
  const db = await openBareDb(target);
  ctx.defer(() => db.close());
  const [a, b, c] = fed.organizationIds as [number, number, number];
  const insert = () =>
    db.transaction(async (query) => {
      const [task] = await query<{ id: number }>(INSERT_TASK, [
        'bench-create',
        fed.collaborationId,
        a,
        fed.researcher.id,
      ]);
      await query(SET_JOB, [task!.id]);
      await query(INSERT_RUNS, [task!.id, a, b, c, fed.collaborationId, '{"method":"noop"}']);
    });
  await closedLoop(workers, ctx.options.warmupMs, insert);
  const bareMeter = await CpuMeter.start('self', target.pgUrl);
  const bare = await closedLoop(workers, durationMs, insert);
  const bareCpu = await bareMeter.stop();
  ctx.log(`baseline: ${bare.rate.toFixed(1)} tasks/s, p99 ${bare.latency.p99.toFixed(1)} ms`);

  const bench = '2 task creation (3 orgs)';
  return [
    ...loadRows(bench, ctx.db, 'tasks/s', federa, bare, ['p99'], noteOf(federa, workers)),
    cpuRow(
      bench,
      ctx.db,
      'task',
      federaCpu,
      federa.operations,
      bareCpu,
      bare.operations,
      'bare loop',
    ),
  ];
}
