import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase } from '../utils/database';

/**
 * The migrations, on an empty database of the configured kind (PGlite, or Postgres with
 * FEDERA_TEST_DB=postgres): they build exactly the schema the entities describe, and undo cleanly.
 */

/** A data source on a fresh, empty database; dropped afterwards. */
async function withEmptyDatabase(fn: (db: DataSource) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const db = createDataSource({ url: database.url, dataDir: 'memory://' });
  await db.initialize();
  try {
    expect(await tables(db)).toEqual([]);
    await fn(db);
  } finally {
    await db.destroy();
    await database.drop();
  }
}

async function tables(db: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** The SQL TypeORM would still run to make the database match the entities. */
async function pendingSchemaChanges(db: DataSource): Promise<string[]> {
  const sql = await db.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('migrations on an empty database', () => {
  it('bring the schema to exactly what the entities describe', async () => {
    await withEmptyDatabase(async (db) => {
      const ran = await db.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name ?? M.name));
      expect(await pendingSchemaChanges(db)).toEqual([]);
      expect(await tables(db)).toEqual(
        expect.arrayContaining(db.entityMetadatas.map((e) => e.tableName)),
      );
    });
  });

  it('leave nothing to run a second time', async () => {
    await withEmptyDatabase(async (db) => {
      await db.runMigrations({ transaction: 'each' });
      expect(await db.showMigrations()).toBe(false);
      expect(await db.runMigrations({ transaction: 'each' })).toEqual([]);
    });
  });

  it('undo cleanly, down to an empty schema', async () => {
    await withEmptyDatabase(async (db) => {
      await db.runMigrations({ transaction: 'each' });
      for (let i = 0; i < MIGRATIONS.length; i++) {
        await db.undoLastMigration({ transaction: 'each' });
      }
      expect(await tables(db)).toEqual(['migrations']);
      expect(await db.query('SELECT * FROM migrations')).toEqual([]);
      expect(await pendingSchemaChanges(db)).not.toEqual([]);
    });
  });

  it('undoing the last migration and running it again gives the same schema', async () => {
    await withEmptyDatabase(async (db) => {
      await db.runMigrations({ transaction: 'each' });
      await db.undoLastMigration({ transaction: 'each' });
      expect(await db.showMigrations()).toBe(true);
      await db.runMigrations({ transaction: 'each' });
      expect(await pendingSchemaChanges(db)).toEqual([]);
    });
  });
});
