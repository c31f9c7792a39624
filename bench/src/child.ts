/**
 * Entry of a server child process: the Federa server (`federa`) or a bare baseline
 * (`bare-io`, `bare-http`). Runs alone in its process so its memory and CPU are its own; talks
 * to the benchmark over IPC (see child-protocol.ts).
 */
import type { ChildMessage, ChildMode, ChildRequest } from './child-protocol';
import type { BareServer } from './bare-io';
import { installQueryLog, queryStats } from './query-log';

const send = (message: ChildMessage) => process.send?.(message);

async function start(mode: ChildMode): Promise<BareServer> {
  switch (mode) {
    case 'federa': {
      if (process.env.BENCH_QUERY_LOG === '1') installQueryLog();
      const { startServer, loadConfig } = await import('@federa/server');
      const server = await startServer(loadConfig(process.env));
      return { url: server.url, close: () => server.close() };
    }
    case 'bare-io': {
      const { startBareIo } = await import('./bare-io');
      return startBareIo();
    }
    case 'bare-http': {
      const { startBareHttp } = await import('./bare-http');
      const { openBareDb } = await import('./bare-db');
      const db = await openBareDb({
        pgUrl: process.env.BENCH_PG_URL_TARGET,
        pgliteDir: process.env.BENCH_PGLITE_DIR,
      });
      return startBareHttp(db);
    }
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2] as ChildMode;
  let server: BareServer;
  try {
    server = await start(mode);
  } catch (error) {
    send({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  }
  process.on('message', (request: ChildRequest) => {
    switch (request.type) {
      case 'memory': {
        if (request.gc) global.gc?.();
        const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
        send({ type: 'reply', id: request.id, data: { rss, heapUsed, external, arrayBuffers } });
        return;
      }
      case 'clock':
        send({ type: 'reply', id: request.id, data: Number(process.hrtime.bigint() / 1000n) });
        return;
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        send({ type: 'reply', id: request.id, data: (user + system) / 1000 });
        return;
      }
      case 'queries':
        send({ type: 'reply', id: request.id, data: queryStats(request.reset) });
        return;
      case 'stop': {
        const timer = setTimeout(() => process.exit(0), 10_000);
        timer.unref();
        void server.close().finally(() => {
          send({ type: 'reply', id: request.id, data: null });
          // exit (not just return), so --cpu-prof writes its profile
          setTimeout(() => process.exit(0), 50);
        });
      }
    }
  });
  // the benchmark going away takes the child with it
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: server.url });
}

void main();
