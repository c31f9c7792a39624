import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795690743140 implements MigrationInterface {
  name = 'Initial1795690743140';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" character varying(32) NOT NULL, "familyId" character varying(32) NOT NULL, "subjectKind" character varying(16) NOT NULL, "subjectId" integer NOT NULL, "secretHash" character varying(64) NOT NULL, "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL, "usedAt" TIMESTAMP WITH TIME ZONE, "revokedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b803086815f2d539fe7a0349d1" ON "refresh_token"  ("familyId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organization" ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL, "domain" character varying(256), "address" character varying(512), "country" character varying(64), "publicKey" text, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c21e615583a3ebbb0977452afb0" UNIQUE ("name"), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "collaboration" ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL, "encrypted" boolean NOT NULL DEFAULT false, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6f3eddd8c9e56c0e41e82a69980" UNIQUE ("name"), CONSTRAINT "PK_16651fd53e1fc690513e3346063" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "study" ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL, "collaborationId" integer NOT NULL, CONSTRAINT "UQ_8b76a3627bb31d4880f7c5e9e0b" UNIQUE ("name"), CONSTRAINT "PK_ae14dbea0172b8521edb2ce4597" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cf3803fbcbafe559e8123d29df" ON "study"  ("collaborationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "node" ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL, "organizationId" integer NOT NULL, "collaborationId" integer NOT NULL, "apiKeyId" character varying(32) NOT NULL, "apiKeyHash" character varying(64) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'offline', "lastSeenAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_de2edcd108b5423dcf3103795ff" UNIQUE ("name"), CONSTRAINT "UQ_b3b1bb4e1bbfd0eaab7dece5fea" UNIQUE ("apiKeyId"), CONSTRAINT "UQ_d9d63045605cc8f79a426a798a1" UNIQUE ("organizationId", "collaborationId"), CONSTRAINT "PK_8c8caf5f29d25264abe9eaf94dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e7007d19d3a2e0ea3cd735c481" ON "node"  ("organizationId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8f17bccb87574fbdd52f03ca2e" ON "node"  ("collaborationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "rule" ("id" SERIAL NOT NULL, "resource" character varying(32) NOT NULL, "operation" character varying(16) NOT NULL, "scope" character varying(16) NOT NULL, CONSTRAINT "UQ_bf561f5bb4159014b64a406a38e" UNIQUE ("resource", "operation", "scope"), CONSTRAINT "PK_a5577f464213af7ffbe866e3cb5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "role" ("id" SERIAL NOT NULL, "name" character varying(128) NOT NULL, "description" text, "organizationId" integer, "isDefault" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_b36bcfe02fc8de3c57a8b2391c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_ba442414324b5ceea2f9e86db1" ON "role"  ("name", "organizationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "task" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(1024), "image" character varying(512) NOT NULL, "collaborationId" integer NOT NULL, "studyId" integer, "parentId" integer, "jobId" integer NOT NULL, "initOrgId" integer NOT NULL, "initUserId" integer, "databases" jsonb NOT NULL DEFAULT '[]', "status" character varying(16) NOT NULL DEFAULT 'pending', "finishedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8c9920b5fb32c3d8453f64b705" ON "task"  ("parentId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_53ed44c9efb278a60ae56a8bf7" ON "task"  ("jobId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_c72d70a08027ae598e87cc5696" ON "task"  ("initOrgId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e28a6b18b2c807710bb2e925f2" ON "task"  ("initUserId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2fe7a278e6f08d2be55740a939" ON "task"  ("status") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_5207da12f67e614f81e3bdd81a" ON "task"  ("collaborationId", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "run" ("id" SERIAL NOT NULL, "taskId" integer NOT NULL, "organizationId" integer NOT NULL, "collaborationId" integer NOT NULL, "nodeId" integer, "status" character varying(16) NOT NULL DEFAULT 'pending', "statusReason" text, "input" text, "result" text, "log" text, "assignedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "startedAt" TIMESTAMP WITH TIME ZONE, "finishedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_804c38ffba92002c6d2c646dd46" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_35ea0b5388c33aec59bb7d9715" ON "run"  ("taskId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_80d12b10c24660ba7afae26e47" ON "run"  ("organizationId", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user" ("id" SERIAL NOT NULL, "username" character varying(128) NOT NULL, "passwordHash" character varying(256) NOT NULL, "email" character varying(256), "firstname" character varying(128), "lastname" character varying(128), "organizationId" integer NOT NULL, "failedLogins" integer NOT NULL DEFAULT '0', "lockedUntil" TIMESTAMP WITH TIME ZONE, "lastSeenAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_78a916df40e02a9deb1c4b75edb" UNIQUE ("username"), CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email"), CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dfda472c0af7812401e592b6a6" ON "user"  ("organizationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "server_secret" ("name" character varying(64) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_8b694669d056ba2de744df598d1" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "collaboration_member" ("collaboration_id" integer NOT NULL, "organization_id" integer NOT NULL, CONSTRAINT "PK_1fb6218cd3ddc7d10f197c79657" PRIMARY KEY ("collaboration_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_14550f011ae835797209c71cab" ON "collaboration_member"  ("collaboration_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e3b3123bec0ece13e63e6043c9" ON "collaboration_member"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "study_member" ("study_id" integer NOT NULL, "organization_id" integer NOT NULL, CONSTRAINT "PK_45a8d8843a2da80f8add74fd561" PRIMARY KEY ("study_id", "organization_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f3930396d88ce0ec87954f2b21" ON "study_member"  ("study_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3c589ecf550422d44e8e57d1e2" ON "study_member"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "role_rule" ("role_id" integer NOT NULL, "rule_id" integer NOT NULL, CONSTRAINT "PK_b8108ec6b86571a83a0030d9bfe" PRIMARY KEY ("role_id", "rule_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_885988c72a4a21c0f52b8ce6e8" ON "role_rule"  ("role_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b44ad799784b62f1d66391140d" ON "role_rule"  ("rule_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_role" ("user_id" integer NOT NULL, "role_id" integer NOT NULL, CONSTRAINT "PK_f634684acb47c1a158b83af5150" PRIMARY KEY ("user_id", "role_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d0e5815877f7395a198a4cb0a4" ON "user_role"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_32a6fc2fcb019d8e3a8ace0f55" ON "user_role"  ("role_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "user_rule" ("user_id" integer NOT NULL, "rule_id" integer NOT NULL, CONSTRAINT "PK_038fb7e578303ea4bc23882c837" PRIMARY KEY ("user_id", "rule_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b2b77c62369435c7353851da85" ON "user_rule"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_1fe9be84bd5889e34c0901c389" ON "user_rule"  ("rule_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "study" ADD CONSTRAINT "FK_cf3803fbcbafe559e8123d29dfd" FOREIGN KEY ("collaborationId") REFERENCES "collaboration"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "node" ADD CONSTRAINT "FK_e7007d19d3a2e0ea3cd735c4815" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "node" ADD CONSTRAINT "FK_8f17bccb87574fbdd52f03ca2e8" FOREIGN KEY ("collaborationId") REFERENCES "collaboration"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_98b80a2762b807beeab653e51d1" FOREIGN KEY ("collaborationId") REFERENCES "collaboration"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "FK_8c9920b5fb32c3d8453f64b705c" FOREIGN KEY ("parentId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "run" ADD CONSTRAINT "FK_35ea0b5388c33aec59bb7d97159" FOREIGN KEY ("taskId") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user" ADD CONSTRAINT "FK_dfda472c0af7812401e592b6a61" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collaboration_member" ADD CONSTRAINT "FK_14550f011ae835797209c71cabe" FOREIGN KEY ("collaboration_id") REFERENCES "collaboration"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "collaboration_member" ADD CONSTRAINT "FK_e3b3123bec0ece13e63e6043c9a" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_member" ADD CONSTRAINT "FK_f3930396d88ce0ec87954f2b217" FOREIGN KEY ("study_id") REFERENCES "study"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_member" ADD CONSTRAINT "FK_3c589ecf550422d44e8e57d1e29" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_rule" ADD CONSTRAINT "FK_885988c72a4a21c0f52b8ce6e86" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_rule" ADD CONSTRAINT "FK_b44ad799784b62f1d66391140dc" FOREIGN KEY ("rule_id") REFERENCES "rule"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role" ADD CONSTRAINT "FK_d0e5815877f7395a198a4cb0a46" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role" ADD CONSTRAINT "FK_32a6fc2fcb019d8e3a8ace0f55f" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_rule" ADD CONSTRAINT "FK_b2b77c62369435c7353851da85d" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_rule" ADD CONSTRAINT "FK_1fe9be84bd5889e34c0901c389c" FOREIGN KEY ("rule_id") REFERENCES "rule"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "user_rule" DROP CONSTRAINT "FK_1fe9be84bd5889e34c0901c389c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_rule" DROP CONSTRAINT "FK_b2b77c62369435c7353851da85d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role" DROP CONSTRAINT "FK_32a6fc2fcb019d8e3a8ace0f55f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role" DROP CONSTRAINT "FK_d0e5815877f7395a198a4cb0a46"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_rule" DROP CONSTRAINT "FK_b44ad799784b62f1d66391140dc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "role_rule" DROP CONSTRAINT "FK_885988c72a4a21c0f52b8ce6e86"`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_member" DROP CONSTRAINT "FK_3c589ecf550422d44e8e57d1e29"`,
    );
    await queryRunner.query(
      `ALTER TABLE "study_member" DROP CONSTRAINT "FK_f3930396d88ce0ec87954f2b217"`,
    );
    await queryRunner.query(
      `ALTER TABLE "collaboration_member" DROP CONSTRAINT "FK_e3b3123bec0ece13e63e6043c9a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "collaboration_member" DROP CONSTRAINT "FK_14550f011ae835797209c71cabe"`,
    );
    await queryRunner.query(`ALTER TABLE "user" DROP CONSTRAINT "FK_dfda472c0af7812401e592b6a61"`);
    await queryRunner.query(`ALTER TABLE "run" DROP CONSTRAINT "FK_35ea0b5388c33aec59bb7d97159"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_8c9920b5fb32c3d8453f64b705c"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "FK_98b80a2762b807beeab653e51d1"`);
    await queryRunner.query(`ALTER TABLE "node" DROP CONSTRAINT "FK_8f17bccb87574fbdd52f03ca2e8"`);
    await queryRunner.query(`ALTER TABLE "node" DROP CONSTRAINT "FK_e7007d19d3a2e0ea3cd735c4815"`);
    await queryRunner.query(`ALTER TABLE "study" DROP CONSTRAINT "FK_cf3803fbcbafe559e8123d29dfd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1fe9be84bd5889e34c0901c389"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b2b77c62369435c7353851da85"`);
    await queryRunner.query(`DROP TABLE "user_rule"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_32a6fc2fcb019d8e3a8ace0f55"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d0e5815877f7395a198a4cb0a4"`);
    await queryRunner.query(`DROP TABLE "user_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b44ad799784b62f1d66391140d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_885988c72a4a21c0f52b8ce6e8"`);
    await queryRunner.query(`DROP TABLE "role_rule"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3c589ecf550422d44e8e57d1e2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f3930396d88ce0ec87954f2b21"`);
    await queryRunner.query(`DROP TABLE "study_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e3b3123bec0ece13e63e6043c9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_14550f011ae835797209c71cab"`);
    await queryRunner.query(`DROP TABLE "collaboration_member"`);
    await queryRunner.query(`DROP TABLE "server_secret"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dfda472c0af7812401e592b6a6"`);
    await queryRunner.query(`DROP TABLE "user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_80d12b10c24660ba7afae26e47"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_35ea0b5388c33aec59bb7d9715"`);
    await queryRunner.query(`DROP TABLE "run"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5207da12f67e614f81e3bdd81a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2fe7a278e6f08d2be55740a939"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e28a6b18b2c807710bb2e925f2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c72d70a08027ae598e87cc5696"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_53ed44c9efb278a60ae56a8bf7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8c9920b5fb32c3d8453f64b705"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ba442414324b5ceea2f9e86db1"`);
    await queryRunner.query(`DROP TABLE "role"`);
    await queryRunner.query(`DROP TABLE "rule"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8f17bccb87574fbdd52f03ca2e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e7007d19d3a2e0ea3cd735c481"`);
    await queryRunner.query(`DROP TABLE "node"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cf3803fbcbafe559e8123d29df"`);
    await queryRunner.query(`DROP TABLE "study"`);
    await queryRunner.query(`DROP TABLE "collaboration"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b803086815f2d539fe7a0349d1"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
  }
}
