import type { Permissions } from '../auth/caller';
import { forbidden } from '../common/app-error';
import type { RuleEntity } from './rule.entity';

/** Anti-escalation: nobody grants a rule wider than what they hold themselves. */
export function assertCanGrant(granter: Permissions, rules: RuleEntity[]): void {
  for (const rule of rules) {
    if (!granter.has(rule.resource, rule.operation, rule.scope)) {
      throw forbidden(
        `you cannot grant ${rule.resource}:${rule.operation}:${rule.scope}, which you do not hold`,
      );
    }
  }
}
