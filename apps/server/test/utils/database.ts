import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Tests run on embedded PGlite by default and on a real Postgres when FEDERA_TEST_DB=postgres
 * (CI runs both). On Postgres each suite gets a database of its own, dropped afterwards.
 */
export const ON_POSTGRES = process.env.FEDERA_TEST_DB === 'postgres';
const ADMIN_URL = process.env.FEDERA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** DATABASE_URL for the server, or undefined for PGlite */
  url: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!ON_POSTGRES) return { url: undefined, drop: async () => undefined };
  const name = `federa_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
