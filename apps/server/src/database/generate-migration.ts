/**
 * Writes a migration holding the SQL that brings a freshly migrated database in line with the
 * entities (empty output means the schema already matches). Usage: pnpm db:generate <Name>
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDataSource } from './data-source';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('usage: db:generate <PascalName>');
  const dataSource = createDataSource({ url: process.env.DATABASE_URL, dataDir: 'memory://' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const sql = await dataSource.driver.createSchemaBuilder().log();
  await dataSource.destroy();
  if (sql.upQueries.length === 0) {
    console.log('schema matches the entities; nothing to generate');
    return;
  }
  const stamp = Date.now();
  const quote = (q: string) => '`' + q.replace(/`/g, '\\`') + '`';
  const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`);
  const down = sql.downQueries
    .reverse()
    .map((q) => `    await queryRunner.query(${quote(q.query)});`);
  const file = path.join(path.resolve('src/database/migrations'), `${stamp}-${name}.ts`);
  fs.writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`,
  );
  console.log(`wrote ${path.relative(process.cwd(), file)}; add it to migrations/index.ts`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
