import type { Socket } from 'socket.io-client';
import { API_PREFIX, type JoinResult, type NewTaskEvent, rooms } from '@federa/contract';
import type { BenchContext, Row } from './context';
import { CpuMeter, type CpuUse } from './cpu';
import { cpuRow } from './rows';
import type { DbTarget } from './database';
import { buildFederation, createTask, taskBody } from './federation';
import { HttpClient, HttpError } from './http';
import type { ChildServer } from './launcher';
import { connectSocket, TaskEvents } from './sockets';
import { mapLimit, sleep, summarize, type Summary } from './stats';

const CONNECT_CONCURRENCY = 50;
/** generous: a task at 1000 nodes takes minutes when each run update waits for the task's lock */
const taskTimeout = (nodes: number) => 60_000 + nodes * 500;
const PROGRESS_EVERY_MS = 15_000;
const NODE_RETRIES = 5;
/** measured tasks per size: fewer for the largest federations, whose tasks take long each */
const tasksFor = (ctx: BenchContext, nodes: number) =>
  nodes >= 1000 ? Math.min(3, ctx.options.fanoutTasks) : ctx.options.fanoutTasks;
/** one unmeasured task warms the server up, before the first size only */
const warmups = (ctx: BenchContext, nodes: number) =>
  nodes === ctx.options.fanoutNodes[0] ? 1 : 0;

interface FanoutResult {
  latency: Summary;
  /** node requests sent again after a connection-level failure */
  retries: number;
  cpu: CpuUse;
  /** tasks the CPU was measured over (the warm-up task included) */
  tasks: number;
}

/**
 * 1. Fan-out latency: POST /task to a collaboration of N nodes (real socket.io clients that
 * claim their run and post a tiny result when told `new_task`) until the researcher's socket
 * hears `task_status` with `complete: true`. Baseline: a bare socket.io server broadcasting to
 * N clients and collecting N acks.
 */
export async function fanoutBench(ctx: BenchContext): Promise<Row[]> {
  const baseline = await bareFanout(ctx);
  const federaServer = await ctx.federa('fanout');
  const rows: Row[] = [];
  for (const n of ctx.options.fanoutNodes) {
    const f = await federaFanout(ctx, federaServer, n);
    const b = baseline.get(n)!;
    const bench = `1 fan-out, N=${n}`;
    const note = `${f.latency.count} tasks${f.retries ? `; nodes re-sent ${f.retries} requests after connection errors` : ''}`;
    rows.push(
      {
        bench,
        db: ctx.db,
        metric: 'p50 task latency',
        unit: 'ms',
        federa: f.latency.p50,
        baseline: b.latency.p50,
        better: 'lower',
        note,
      },
      {
        bench,
        db: ctx.db,
        metric: 'p99 task latency',
        unit: 'ms',
        federa: f.latency.p99,
        baseline: b.latency.p99,
        better: 'lower',
        note,
      },
      cpuRow(bench, ctx.db, 'task', f.cpu, f.tasks, b.cpu, b.tasks, 'bare socket.io'),
    );
  }
  return rows;
}

async function federaFanout(
  ctx: BenchContext,
  { server, target }: { server: ChildServer; target: DbTarget },
  n: number,
): Promise<FanoutResult> {
  ctx.log(`N=${n}: creating ${n} organizations and nodes through the API`);
  const fed = await buildFederation(server.url, `fanout-${n}`, n);
  const failures: string[] = [];
  const clients: { socket: Socket; http: HttpClient }[] = [];
  let reported = 0;
  let retries = 0;
  const progress = setInterval(
    () => ctx.log(`N=${n}: ${reported} results posted so far`),
    PROGRESS_EVERY_MS,
  );
  try {
    ctx.log(`N=${n}: connecting ${n} nodes`);
    await mapLimit(fed.nodes, CONNECT_CONCURRENCY, async (node) => {
      const http = new HttpClient(server.url, { maxSockets: 1, token: node.token });
      const socket = await connectSocket(server.url, { token: node.token });
      clients.push({ socket, http });
      socket.on('new_task', (event: NewTaskEvent) => {
        const start = performance.now();
        let step = 'claim';
        void (async () => {
          for (const runId of event.run_ids) {
            step = `claim of run ${runId}`;
            await nodeRequest(http, `${API_PREFIX}/run/${runId}/claim`, undefined, () => retries++);
            step = `result of run ${runId}`;
            await nodeRequest(
              http,
              `${API_PREFIX}/run/${runId}/result`,
              { status: 'completed', result: '1' },
              () => retries++,
            );
            reported++;
          }
        })().catch((error: unknown) =>
          failures.push(
            `node ${node.id}, ${step}, ${(performance.now() - start).toFixed(0)} ms after new_task: ${String(error)}`,
          ),
        );
      });
    });
    const http = new HttpClient(server.url, { maxSockets: 1, token: fed.researcher.token });
    const researcher = await connectSocket(server.url, { token: fed.researcher.token });
    clients.push({ socket: researcher, http });
    const joined = (await researcher.emitWithAck(
      'join_room',
      rooms.collaboration(fed.collaborationId),
    )) as JoinResult;
    if (!joined.ok) throw new Error(`researcher could not join: ${joined.error}`);
    const done = new TaskEvents(researcher, 'task_status', (e) => e.complete === true);

    const phase = await ctx.phases.begin(server);
    const meter = await CpuMeter.start(server, target.pgUrl);
    const latencies: number[] = [];
    const warm = warmups(ctx, n);
    const tasks = tasksFor(ctx, n) + warm;
    for (let i = 0; i < tasks; i++) {
      const start = performance.now();
      const task = await createTask(
        http,
        fed.researcher.token,
        taskBody(fed.collaborationId, `fanout-${n}-${i}`),
      );
      const at = await done.wait(
        task.id,
        taskTimeout(n),
        () => failures[0] && `a node failed: ${failures[0]}`,
      );
      if (i >= warm) latencies.push(at - start);
    }
    const cpu = await meter.stop();
    await ctx.phases.end(
      phase,
      target,
      `fan-out N=${n}: operation = one task (1 create + ${n} claims + ${n} results; ${warm} warm-up)`,
      tasks,
    );
    const latency = summarize(latencies);
    ctx.log(`N=${n}: p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`);
    return { latency, cpu, tasks, retries };
  } finally {
    clearInterval(progress);
    for (const { socket, http } of clients) {
      socket.close();
      http.close();
    }
  }
}

/**
 * A node's POST, as the node agent makes it: a connection-level failure (no HTTP answer, e.g. a
 * reset while 1000 nodes connect at once) is retried; a 409 on a retry means the first attempt
 * got through (claimed by us, or result already in).
 */
async function nodeRequest(
  http: HttpClient,
  path: string,
  body: unknown,
  onRetry: () => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await http.json('POST', path, body);
      return;
    } catch (error) {
      if (error instanceof HttpError) {
        if (attempt > 0 && error.status === 409) return;
        throw error;
      }
      if (attempt >= NODE_RETRIES) throw error;
      onRetry();
      await sleep(200 * (attempt + 1));
    }
  }
}

/** The bare socket.io baseline for every N, measured once per run (no database involved). */
async function bareFanout(ctx: BenchContext): Promise<Map<number, FanoutResult>> {
  const cached = ctx.cache.get('fanout-baseline') as Map<number, FanoutResult> | undefined;
  if (cached) return cached;
  const server = await ctx.bare('bare-io', 'fanout');
  const result = new Map<number, FanoutResult>();
  try {
    for (const n of ctx.options.fanoutNodes) {
      const group = `group-${n}`;
      const sockets = await mapLimit(Array.from({ length: n }), CONNECT_CONCURRENCY, async () => {
        const socket = await connectSocket(server.url, { group });
        socket.on('new_task', (_event: unknown, ack: (reply: string) => void) => ack('1'));
        return socket;
      });
      const researcher = await connectSocket(server.url, { role: 'researcher' });
      sockets.push(researcher);
      const done = new TaskEvents(researcher, 'task_status', (e) => e.complete === true);
      const meter = await CpuMeter.start(server);
      const latencies: number[] = [];
      const warm = warmups(ctx, n);
      const tasks = tasksFor(ctx, n) + warm;
      for (let i = 0; i < tasks; i++) {
        const taskId = n * 100_000 + i;
        const start = performance.now();
        researcher.emit('start', { group, task_id: taskId });
        const at = await done.wait(taskId, taskTimeout(n));
        if (i >= warm) latencies.push(at - start);
      }
      const cpu = await meter.stop();
      for (const socket of sockets) socket.close();
      const latency = summarize(latencies);
      ctx.log(
        `baseline N=${n}: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`,
      );
      result.set(n, { latency, cpu, tasks, retries: 0 });
    }
  } finally {
    await server.stop();
  }
  ctx.cache.set('fanout-baseline', result);
  return result;
}
