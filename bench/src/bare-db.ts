import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';

/** The smallest database handle the baselines need, on Postgres (pg pool) or PGlite. */
export interface BareDb {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** runs `fn` in one transaction, on one connection */
  transaction<T>(fn: (query: BareDb['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Same pool size as the server's (`extra: { max: 20 }` in its data source). */
export const POOL_SIZE = 20;

export async function openBareDb(target: { pgUrl?: string; pgliteDir?: string }): Promise<BareDb> {
  if (target.pgUrl) {
    const pool = new Pool({ connectionString: target.pgUrl, max: POOL_SIZE });
    // an idle connection the database drops must not crash the process
    pool.on('error', () => undefined);
    return {
      query: async <R>(sql: string, params: unknown[] = []) =>
        (await pool.query(sql, params)).rows as R[],
      transaction: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(
            async <R>(sql: string, params: unknown[] = []) =>
              (await client.query(sql, params)).rows as R[],
          );
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (!target.pgliteDir) throw new Error('no database: neither pgUrl nor pgliteDir');
  const db = await PGlite.create(target.pgliteDir);
  return {
    query: async <R>(sql: string, params: unknown[] = []) => (await db.query<R>(sql, params)).rows,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn(async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows),
      ),
    close: () => db.close(),
  };
}
