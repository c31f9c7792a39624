import type { Role, Rule } from '@federa/contract';
import type { RoleEntity } from './role.entity';
import type { RuleEntity } from './rule.entity';

export const toRole = (e: RoleEntity): Role => ({
  id: e.id,
  name: e.name,
  description: e.description,
  organization_id: e.organizationId,
  is_default: e.isDefault,
  rules: (e.rules ?? []).map((r) => r.id).sort((a, b) => a - b),
});

export const toRule = (e: RuleEntity): Rule => ({
  id: e.id,
  resource: e.resource,
  operation: e.operation,
  scope: e.scope,
});
