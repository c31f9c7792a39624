import path from 'node:path';
import type { QueryStat } from './child-protocol';

const stats = new Map<string, QueryStat>();

/**
 * Times every query the server sends to Postgres, grouped by SQL text (TypeORM sends
 * parameterized SQL, so one text is one query shape). Patches the `pg` module that TypeORM
 * loads, from outside the server. Postgres only: PGlite does not go through `pg`.
 */
export function installQueryLog(): void {
  const server = path.dirname(require.resolve('@federa/server'));
  const typeorm = path.dirname(require.resolve('typeorm', { paths: [server] }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require(require.resolve('pg', { paths: [typeorm] })) as typeof import('pg');
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const sql = typeof first === 'string' ? first : (first as { text?: string })?.text;
    const params = Array.isArray(second) ? second : [];
    const start = performance.now();
    const record = () => (sql ? note(sql, performance.now() - start, params) : undefined);
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...cb: unknown[]) => {
        record();
        return (last as (...a: unknown[]) => unknown)(...cb);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(record, record);
    }
    return result;
  } as typeof pg.Client.prototype.query;
}

function note(sql: string, ms: number, params: unknown[]): void {
  const stat = stats.get(sql);
  if (stat) {
    stat.count++;
    stat.totalMs += ms;
    stat.maxMs = Math.max(stat.maxMs, ms);
  } else {
    const sample = params.map((p) =>
      typeof p === 'string' && p.length > 200 ? `${p.slice(0, 200)}…` : p,
    );
    stats.set(sql, { sql, count: 1, totalMs: ms, maxMs: ms, sampleParams: sample });
  }
}

export function queryStats(reset: boolean): QueryStat[] {
  const list = [...stats.values()].map((s) => ({ ...s }));
  if (reset) stats.clear();
  return list;
}
