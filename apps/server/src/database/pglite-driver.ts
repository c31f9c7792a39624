import { EventEmitter } from 'node:events';
import { PGlite, types } from '@electric-sql/pglite';

/**
 * A `pg`-shaped driver over one embedded PGlite database, for TypeORM's postgres dialect.
 *
 * We do not use typeorm-pglite's driver: it keeps one PGlite per process (two data sources in
 * one process share a database) and hands every query runner the same session, so a request's
 * query can land inside another request's open transaction and vanish with its rollback.
 * Here each query runner gets its own client, and a gate gives an open transaction the
 * database to itself: other clients' statements wait until it commits or rolls back.
 */
type Callback = (error: Error | null, result?: unknown) => void;

class Gate {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

const BEGIN = /^\s*(START\s+TRANSACTION|BEGIN)\b/i;
const END = /^\s*(COMMIT|ROLLBACK)\s*(;|$)/i;

// EventEmitters because TypeORM listens for errors on pools and clients, as on pg's.
class PGliteClient extends EventEmitter {
  private transaction: (() => void) | undefined;

  constructor(
    private readonly db: Promise<PGlite>,
    private readonly gate: Gate,
  ) {
    super();
  }

  async query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown> {
    const cb = typeof params === 'function' ? params : callback;
    const values = Array.isArray(params) ? params : undefined;
    const release = this.transaction ? undefined : await this.gate.acquire();
    let failed = false;
    try {
      const db = await this.db;
      const result = values?.length
        ? await db.query(sql, values)
        : // exec runs several statements; TypeORM wants the last one's result
          ((await db.exec(sql)).at(-1) ?? { rows: [] });
      cb?.(null, result);
      return result;
    } catch (error) {
      failed = true;
      cb?.(error as Error);
      throw error;
    } finally {
      if (release && BEGIN.test(sql) && !failed) this.transaction = release;
      else release?.();
      if (this.transaction && END.test(sql)) this.end();
    }
  }

  /** The query runner is done with this client: never leave the gate held. */
  async done(): Promise<void> {
    if (!this.transaction) return;
    await (await this.db).exec('ROLLBACK').catch(() => undefined);
    this.end();
  }

  private end(): void {
    const release = this.transaction;
    this.transaction = undefined;
    release?.();
  }
}

/** TypeORM's `driver` option for one PGlite database in `dataDir` (or `memory://`). */
export function pgliteDriver(dataDir: string): { Pool: new () => object } {
  // PGlite serializes JS booleans as 't'/'f', which Postgres's extended protocol rejects for
  // some parameter types; the literals work everywhere.
  const toBool = (v: unknown): string =>
    v === true || v === 'true' || v === 1
      ? 'TRUE'
      : v === false || v === 'false' || v === 0
        ? 'FALSE'
        : String(v);
  const db = PGlite.create({ dataDir, serializers: { [types.BOOL]: toBool } });
  const gate = new Gate();
  class Pool extends EventEmitter {
    connect(cb: (error: Error | null, client?: PGliteClient, done?: () => void) => void): void {
      db.then(
        () => {
          const client = new PGliteClient(db, gate);
          cb(null, client, () => void client.done());
        },
        (error: Error) => cb(error),
      );
    }

    query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown> {
      return new PGliteClient(db, gate).query(sql, params, callback);
    }

    end(cb?: (error: Error | null) => void): void {
      db.then((d) => d.close()).then(
        () => cb?.(null),
        (error: Error) => cb?.(error),
      );
    }
  }
  return { Pool };
}
