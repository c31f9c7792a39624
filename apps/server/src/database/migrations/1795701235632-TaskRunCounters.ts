import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TaskRunCounters1795701235632 implements MigrationInterface {
  name = 'TaskRunCounters1795701235632';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" ADD "pendingRuns" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD "initializingRuns" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`ALTER TABLE "task" ADD "activeRuns" integer NOT NULL DEFAULT '0'`);
    // Existing tasks: count their open runs (their status is already right).
    await queryRunner.query(`
      UPDATE "task" SET
        "pendingRuns" = c.pending, "initializingRuns" = c.initializing, "activeRuns" = c.active
      FROM (
        SELECT "taskId",
          count(*) FILTER (WHERE status = 'pending') AS pending,
          count(*) FILTER (WHERE status = 'initializing') AS initializing,
          count(*) FILTER (WHERE status = 'active') AS active
        FROM "run" WHERE "finishedAt" IS NULL GROUP BY "taskId"
      ) c
      WHERE "task".id = c."taskId"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "activeRuns"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "initializingRuns"`);
    await queryRunner.query(`ALTER TABLE "task" DROP COLUMN "pendingRuns"`);
  }
}
