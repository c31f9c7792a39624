import fs from 'node:fs';
import type { Socket } from 'socket.io-client';
import type { BenchContext, Row } from './context';
import { buildNodeGrid } from './federation';
import type { ChildServer } from './launcher';
import { connectSocket } from './sockets';
import { sleep } from './stats';

const BATCH = 200;
const WARMUP = 10;
const MB = 1024 * 1024;
/** the bench process's own limit: each client socket costs it memory too */
const BENCH_MAX_RSS = 6 * 1024 * MB;

interface Ramp {
  connected: number;
  rssPerConnection: number;
  heapPerConnection: number;
  connectRate: number;
  stopReason: string;
  benchBytesPerClient: number;
}

/**
 * 4. Idle connected nodes per server process: real nodes (logged in with their API keys) open
 * `/tasks` sockets in batches up to the target, stopping early when the server's RSS grew past
 * the limit, a connection fails (file descriptors) or the bench process itself gets too big.
 * Memory per connection = (RSS or heap after − before, both after a GC) / connections.
 * Baseline: a bare socket.io server with the same number of idle clients.
 */
export async function idleBench(ctx: BenchContext): Promise<Row[]> {
  const { idleTarget } = ctx.options;
  const setup = await ctx.federa('idle_setup');
  ctx.log(`creating and logging in ${idleTarget} nodes through the API`);
  const nodes = await buildNodeGrid(setup.server.url, 'idle', idleTarget);
  // measure a fresh process: the setup's garbage would blur a per-connection figure
  await setup.server.stop();
  const target = setup.target;
  const server = await ctx.federaOn(target, 'idle');
  const phase = await ctx.phases.begin(server);
  const federa = await ramp(
    ctx,
    server,
    nodes.map((n) => ({ token: n.token })),
  );
  await ctx.phases.end(
    phase,
    target,
    `idle: operation = one node connecting (of ${federa.connected})`,
    federa.connected,
  );
  await server.stop();

  const bareServer = await ctx.bare('bare-io', 'idle');
  const bare = await ramp(
    ctx,
    bareServer,
    Array.from({ length: federa.connected }, () => ({ group: 'idle' })),
  );
  await bareServer.stop();

  const bench = `4 idle node connections (target ${idleTarget})`;
  const limit = openFilesLimit();
  const note =
    `Federa stopped: ${federa.stopReason}; bench side ${(federa.benchBytesPerClient / 1024).toFixed(0)} KB/client` +
    `, ulimit -n ${limit}`;
  return [
    {
      bench,
      db: ctx.db,
      metric: 'connections held',
      unit: 'sockets',
      federa: federa.connected,
      baseline: bare.connected,
      better: 'higher',
      note,
    },
    {
      bench,
      db: ctx.db,
      metric: 'RSS per connection',
      unit: 'KB',
      federa: federa.rssPerConnection / 1024,
      baseline: bare.rssPerConnection / 1024,
      better: 'lower',
    },
    {
      bench,
      db: ctx.db,
      metric: 'heap per connection',
      unit: 'KB',
      federa: federa.heapPerConnection / 1024,
      baseline: bare.heapPerConnection / 1024,
      better: 'lower',
    },
    {
      bench,
      db: ctx.db,
      metric: 'connect rate',
      unit: 'conn/s',
      federa: federa.connectRate,
      baseline: bare.connectRate,
      better: 'higher',
    },
  ];
}

async function ramp(
  ctx: BenchContext,
  server: ChildServer,
  auths: Record<string, unknown>[],
): Promise<Ramp> {
  const maxGrowth = ctx.options.idleMaxMb * MB;
  // warm the connection path up (code, JIT, pools), then measure from a collected heap
  const warm = await Promise.all(
    auths.slice(0, WARMUP).map((auth) => connectSocket(server.url, auth)),
  );
  for (const socket of warm) socket.close();
  await sleep(1000);
  const before = await server.memory(true);
  const benchBefore = process.memoryUsage().rss;
  const sockets: Socket[] = [];
  let stopReason = `all ${auths.length} connected`;
  const start = performance.now();
  try {
    for (let i = 0; i < auths.length; i += BATCH) {
      const settled = await Promise.allSettled(
        auths.slice(i, i + BATCH).map((auth) => connectSocket(server.url, auth)),
      );
      for (const s of settled) if (s.status === 'fulfilled') sockets.push(s.value);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) {
        stopReason = `a connection failed after ${sockets.length}: ${String(failed.reason)}`;
        break;
      }
      const grown = server.proc().rss - before.rss;
      if (grown > maxGrowth) {
        stopReason = `server RSS grew ${(grown / MB).toFixed(0)} MB > --idle-max-mb ${ctx.options.idleMaxMb}`;
        break;
      }
      if (process.memoryUsage().rss > BENCH_MAX_RSS) {
        stopReason = `the bench process reached ${BENCH_MAX_RSS / MB} MB`;
        break;
      }
    }
    const connectRate = (sockets.length / (performance.now() - start)) * 1000;
    await sleep(2000); // let connection handlers (presence updates) finish
    const after = await server.memory(true);
    const n = Math.max(1, sockets.length);
    const result: Ramp = {
      connected: sockets.length,
      rssPerConnection: (after.rss - before.rss) / n,
      heapPerConnection: (after.heapUsed - before.heapUsed) / n,
      connectRate,
      stopReason,
      benchBytesPerClient: (process.memoryUsage().rss - benchBefore) / n,
    };
    ctx.log(
      `${server.mode}: ${result.connected} sockets, ${(result.rssPerConnection / 1024).toFixed(1)} KB RSS and ` +
        `${(result.heapPerConnection / 1024).toFixed(1)} KB heap each (${stopReason})`,
    );
    return result;
  } finally {
    for (const socket of sockets) socket.close();
  }
}

/** The soft limit on open files of this process (each client socket is one). */
function openFilesLimit(): string {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  return /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1] ?? '?';
}
