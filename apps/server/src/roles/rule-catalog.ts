import type { Operation, Resource, Scope } from '@federa/contract';
import type { Grant } from '../auth/caller';

type Table = Partial<Record<Resource, Partial<Record<Operation, Scope[]>>>>;

const expand = (table: Table): Grant[] =>
  Object.entries(table).flatMap(([resource, ops]) =>
    Object.entries(ops ?? {}).flatMap(([operation, scopes]) =>
      (scopes ?? []).map((scope) => ({
        resource: resource as Resource,
        operation: operation as Operation,
        scope,
      })),
    ),
  );

/** Every rule that exists (vantage6's matrix); all of them belong to Root. */
export const ALL_RULES = expand({
  user: {
    view: ['organization', 'collaboration', 'global'],
    create: ['organization', 'collaboration', 'global'],
    edit: ['own', 'organization', 'collaboration', 'global'],
    delete: ['own', 'organization', 'collaboration', 'global'],
  },
  organization: {
    view: ['organization', 'collaboration', 'global'],
    create: ['global'],
    edit: ['organization', 'collaboration', 'global'],
    delete: ['global'],
  },
  collaboration: {
    view: ['organization', 'global'],
    create: ['global'],
    edit: ['collaboration', 'global'],
    delete: ['collaboration', 'global'],
  },
  study: {
    view: ['organization', 'collaboration', 'global'],
    create: ['collaboration', 'global'],
    edit: ['organization', 'collaboration', 'global'],
    delete: ['organization', 'collaboration', 'global'],
  },
  node: {
    view: ['organization', 'collaboration', 'global'],
    create: ['organization', 'collaboration', 'global'],
    edit: ['organization', 'collaboration', 'global'],
    delete: ['organization', 'collaboration', 'global'],
  },
  task: {
    view: ['own', 'organization', 'collaboration', 'global'],
    create: ['collaboration', 'global'],
    delete: ['own', 'organization', 'collaboration', 'global'],
  },
  run: { view: ['own', 'organization', 'collaboration', 'global'] },
  role: {
    view: ['organization', 'collaboration', 'global'],
    create: ['organization', 'collaboration', 'global'],
    edit: ['organization', 'collaboration', 'global'],
    delete: ['organization', 'collaboration', 'global'],
  },
  event: {
    send: ['organization', 'collaboration', 'global'],
    receive: ['organization', 'collaboration', 'global'],
  },
});

const VIEWER: Table = {
  user: { view: ['organization'], edit: ['own'], delete: ['own'] },
  organization: { view: ['organization', 'collaboration'] },
  collaboration: { view: ['organization'] },
  study: { view: ['organization'] },
  role: { view: ['organization'] },
  node: { view: ['organization', 'collaboration'] },
  task: { view: ['collaboration'] },
  run: { view: ['collaboration'] },
  event: { receive: ['organization', 'collaboration'] },
};
const RESEARCHER_EXTRA: Table = { task: { create: ['collaboration'], delete: ['organization'] } };
const ORG_ADMIN_EXTRA: Table = {
  user: { create: ['organization'], edit: ['organization'], delete: ['organization'] },
  organization: { edit: ['organization'] },
  role: { create: ['organization'], edit: ['organization'], delete: ['organization'] },
  node: { create: ['organization'], edit: ['organization'] },
  event: { send: ['organization'] },
};
const COLLAB_ADMIN_EXTRA: Table = {
  user: { view: ['collaboration'], create: ['collaboration'], edit: ['collaboration'] },
  organization: { view: ['global'], edit: ['collaboration'] },
  collaboration: { edit: ['collaboration'] },
  role: { view: ['collaboration'] },
  node: { create: ['collaboration'], view: ['collaboration'], delete: ['collaboration'] },
  event: { send: ['collaboration'] },
  study: {
    view: ['collaboration'],
    create: ['collaboration'],
    edit: ['collaboration'],
    delete: ['collaboration'],
  },
};

/** The default roles, created at start and read-only afterwards. */
export const DEFAULT_ROLES: { name: string; description: string; grants: Grant[] }[] = [
  { name: 'Root', description: 'every permission', grants: ALL_RULES },
  {
    name: 'Collaboration Admin',
    description: 'manages the collaborations of its organization',
    grants: [
      ...expand(VIEWER),
      ...expand(RESEARCHER_EXTRA),
      ...expand(ORG_ADMIN_EXTRA),
      ...expand(COLLAB_ADMIN_EXTRA),
    ],
  },
  {
    name: 'Organization Admin',
    description: 'manages its organization: users, roles, nodes',
    grants: [...expand(VIEWER), ...expand(ORG_ADMIN_EXTRA)],
  },
  {
    name: 'Researcher',
    description: 'creates tasks and reads their results',
    grants: [...expand(VIEWER), ...expand(RESEARCHER_EXTRA)],
  },
  {
    name: 'Viewer',
    description: 'reads what its organization takes part in',
    grants: expand(VIEWER),
  },
];

export const ruleKey = (g: Grant): string => `${g.resource}:${g.operation}:${g.scope}`;
