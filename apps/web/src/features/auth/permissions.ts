import type { Operation, Permissions, Resource, Scope } from '@federa/contract';
import { SCOPES } from '@federa/contract';

/** What the UI may offer; the server decides again on every request. */
export interface Can {
  (resource: Resource, operation: Operation, scope?: Scope): boolean;
}

/** A rule with a wider scope implies the narrower ones (own < organization < collaboration < global). */
export function permissionChecker(permissions: Pick<Permissions, 'rules'> | undefined): Can {
  const widest = new Map<string, number>();
  for (const rule of permissions?.rules ?? []) {
    const key = `${rule.resource}:${rule.operation}`;
    const rank = SCOPES.indexOf(rule.scope as Scope);
    if (rank > (widest.get(key) ?? -1)) widest.set(key, rank);
  }
  return (resource, operation, scope = 'own') =>
    (widest.get(`${resource}:${operation}`) ?? -1) >= SCOPES.indexOf(scope);
}

/** The administration sections, each shown to users who may view its resource. */
export const ADMIN_SECTIONS = [
  { resource: 'organization', href: '/admin/organizations', label: 'Organizations' },
  { resource: 'user', href: '/admin/users', label: 'Users' },
  { resource: 'role', href: '/admin/roles', label: 'Roles' },
  { resource: 'collaboration', href: '/admin/collaborations', label: 'Collaborations' },
  { resource: 'node', href: '/admin/nodes', label: 'Nodes' },
] as const satisfies readonly { resource: Resource; href: string; label: string }[];
