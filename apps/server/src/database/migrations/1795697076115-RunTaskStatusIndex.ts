import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RunTaskStatusIndex1795697076115 implements MigrationInterface {
  name = 'RunTaskStatusIndex1795697076115';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_35ea0b5388c33aec59bb7d9715"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_2084948a2bb3f27b50ad1f1a5c" ON "run"  ("taskId", "status") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_2084948a2bb3f27b50ad1f1a5c"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_35ea0b5388c33aec59bb7d9715" ON "run" USING btree ("taskId") `,
    );
  }
}
