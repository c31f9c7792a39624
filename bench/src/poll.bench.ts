import { API_PREFIX } from '@federa/contract';
import type { BenchContext, Row } from './context';
import { cpuRow, loadRows, noteOf } from './rows';
import { CpuMeter } from './cpu';
import { buildFederation, createTask, range, taskBody } from './federation';
import { HttpClient } from './http';
import { closedLoop, mapLimit } from './stats';

/**
 * 3. GET /task/{id} polling: 50 concurrent pollers, each asking about one of the tasks again
 * and again for the set duration, as a researcher. Baseline: a bare node:http route doing the
 * same SELECT (task row + its runs' organizations) on the same database.
 */
export async function pollBench(ctx: BenchContext): Promise<Row[]> {
  const { durationMs, pollers, pollTasks } = ctx.options;
  const { server, target } = await ctx.federa('poll');
  const fed = await buildFederation(server.url, 'poll', 3);
  const http = new HttpClient(server.url, { maxSockets: pollers, token: fed.researcher.token });
  ctx.log(`creating ${pollTasks} tasks`);
  const tasks = await mapLimit(range(pollTasks), 8, (i) =>
    createTask(http, fed.researcher.token, taskBody(fed.collaborationId, `poll-${i}`)),
  );
  const ids = tasks.map((t) => t.id);
  const poll = (base: string) => async (worker: number) => {
    const res = await http.request('GET', `${base}/${ids[worker % ids.length]!}`);
    if (res.status !== 200)
      throw new Error(`GET → ${res.status} ${res.body.toString().slice(0, 200)}`);
  };

  ctx.log(`${pollers} pollers for ${durationMs / 1000} s`);
  await closedLoop(pollers, ctx.options.warmupMs, poll(`${API_PREFIX}/task`));
  const phase = await ctx.phases.begin(server);
  const federaMeter = await CpuMeter.start(server, target.pgUrl);
  const federa = await closedLoop(pollers, durationMs, poll(`${API_PREFIX}/task`));
  const federaCpu = await federaMeter.stop();
  await ctx.phases.end(phase, target, 'poll: operation = GET /task/{id}', federa.operations);
  http.close();
  ctx.log(`Federa: ${federa.rate.toFixed(0)} req/s, p99 ${federa.latency.p99.toFixed(1)} ms`);
  await server.stop();

  const bareServer = await ctx.bare('bare-http', 'poll', target);
  const bareHttp = new HttpClient(bareServer.url, { maxSockets: pollers });
  const bareHttpPoll = async (worker: number) => {
    const res = await bareHttp.request('GET', `/task/${ids[worker % ids.length]!}`);
    if (res.status !== 200) throw new Error(`GET → ${res.status}`);
  };
  await closedLoop(pollers, ctx.options.warmupMs, bareHttpPoll);
  const barePhase = await ctx.phases.begin(bareServer);
  const bareMeter = await CpuMeter.start(bareServer, target.pgUrl);
  const bare = await closedLoop(pollers, durationMs, bareHttpPoll);
  const bareCpu = await bareMeter.stop();
  await ctx.phases.end(
    barePhase,
    target,
    'poll baseline: operation = GET /task/{id}',
    bare.operations,
  );
  bareHttp.close();
  await bareServer.stop();
  ctx.log(`baseline: ${bare.rate.toFixed(0)} req/s, p99 ${bare.latency.p99.toFixed(1)} ms`);

  const bench = '3 GET /task/{id} polling';
  return [
    ...loadRows(bench, ctx.db, 'req/s', federa, bare, ['p50', 'p99'], noteOf(federa, pollers)),
    cpuRow(bench, ctx.db, 'request', federaCpu, federa.operations, bareCpu, bare.operations),
  ];
}
