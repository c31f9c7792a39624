import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { pgliteDriver } from './pglite-driver';

export interface DatabaseOptions {
  /** Postgres URL; without one the server uses embedded PGlite. */
  url?: string;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir: string;
}

/** One data source definition, shared by the app, the migration CLI and the tests. */
export function createDataSource(options: DatabaseOptions): DataSource {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (options.url) {
    return new DataSource({ type: 'postgres', url: options.url, ...common, extra: { max: 20 } });
  }
  const dataDir =
    options.dataDir === 'memory://' ? options.dataDir : path.join(options.dataDir, 'pglite');
  if (dataDir !== 'memory://') fs.mkdirSync(dataDir, { recursive: true });
  return new DataSource({
    type: 'postgres',
    driver: pgliteDriver(dataDir),
    ...common,
  });
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
