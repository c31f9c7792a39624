import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export type DbKind = 'postgres' | 'pglite';

/** The Postgres every benchmark database is created in (trust auth on 127.0.0.1). */
export const PG_ADMIN_URL =
  process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Where one benchmark keeps its data: a database of its own on Postgres (created here, dropped
 * by `drop`), or a PGlite directory under a temporary directory (removed by `drop`).
 */
export interface DbTarget {
  kind: DbKind;
  /** env for the Federa server: DATABASE_URL and/or DATA_DIR */
  serverEnv: Record<string, string>;
  /** Postgres: the database's URL */
  pgUrl?: string;
  /** PGlite: the directory the server keeps its database in */
  pgliteDir?: string;
  drop(): Promise<void>;
}

const live = new Set<DbTarget>();
const templates = new Map<DbKind, DbTarget>();

/**
 * Makes `target` (a database the server has migrated and stopped using) the template of every
 * later target of its kind: a copy of its directory (PGlite) or CREATE DATABASE … TEMPLATE
 * (Postgres). Setting up a database from scratch (PGlite's initdb, the migrations, the root
 * password's argon2 hash) costs seconds each time; a copy of the same state costs far less.
 */
export function useAsTemplate(target: DbTarget): void {
  live.delete(target);
  templates.set(target.kind, target);
}

export const hasTemplate = (kind: DbKind): boolean => templates.has(kind);

export async function createDbTarget(kind: DbKind, label: string): Promise<DbTarget> {
  const template = templates.get(kind);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `federa-bench-${label}-`));
  if (template?.pgliteDir)
    fs.cpSync(template.pgliteDir, path.join(dataDir, 'pglite'), { recursive: true });
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  let target: DbTarget;
  if (kind === 'pglite') {
    target = {
      kind,
      serverEnv: { DATA_DIR: dataDir },
      // the server keeps PGlite in DATA_DIR/pglite (apps/server/src/database/data-source.ts)
      pgliteDir: path.join(dataDir, 'pglite'),
      drop: async () => {
        live.delete(target);
        removeDir();
      },
    };
  } else {
    const name = `federa_bench_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
    const from = template?.pgUrl ? ` TEMPLATE ${new URL(template.pgUrl).pathname.slice(1)}` : '';
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}${from}`));
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    target = {
      kind,
      serverEnv: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
      pgUrl: url.toString(),
      drop: async () => {
        live.delete(target);
        removeDir();
        await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  live.add(target);
  return target;
}

/** Drops the templates and whatever a failed or interrupted run left behind. */
export async function dropAll(): Promise<void> {
  for (const target of [...live, ...templates.values()]) await target.drop().catch(() => undefined);
  templates.clear();
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  client.on('error', () => undefined); // a dropped connection shows up as the query's error
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
