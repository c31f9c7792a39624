import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenRunIndexes1795698614871 implements MigrationInterface {
  name = 'OpenRunIndexes1795698614871';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_run_open_by_org" ON "run"  ("organizationId", "collaborationId") WHERE "finishedAt" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_run_open_by_node" ON "run"  ("nodeId") WHERE "finishedAt" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_run_open_by_node"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_run_open_by_org"`);
  }
}
