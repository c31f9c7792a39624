import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { RoleEntity } from './role.entity';
import { RuleEntity } from './rule.entity';
import { ALL_RULES, DEFAULT_ROLES, ruleKey } from './rule-catalog';

/** Creates the rules and default roles that are missing; safe to run on every start. */
export async function ensureRbac(db: DataSource): Promise<void> {
  await db.transaction(async (tx: EntityManager) => {
    // One instance at a time, so two servers starting together do not both insert.
    await tx.query('SELECT pg_advisory_xact_lock(4242001)');
    await tx.createQueryBuilder().insert().into(RuleEntity).values(ALL_RULES).orIgnore().execute();
    const rules = await tx.find(RuleEntity);
    const byKey = new Map(rules.map((r) => [ruleKey(r), r]));
    for (const def of DEFAULT_ROLES) {
      const existing = await tx.findOne(RoleEntity, {
        where: { name: def.name, organizationId: IsNull() },
      });
      const role = existing ?? tx.create(RoleEntity, { name: def.name, organizationId: null });
      role.description = def.description;
      role.isDefault = true;
      role.rules = [...new Set(def.grants.map(ruleKey))].map((k) => byKey.get(k)!);
      await tx.save(role);
    }
  });
}
