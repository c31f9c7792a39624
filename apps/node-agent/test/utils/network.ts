import { ok, Session } from '@federa/client';
import type { Organization } from '@federa/contract';
import { ROOT } from './test-server';

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;
export const PASSWORD = 'Research!1';

export interface TestOrg {
  org: Organization;
  nodeId: number;
  apiKey: string;
}

/**
 * Organizations in one collaboration, each with a registered node (its API key kept for a
 * node agent), and a researcher in the first organization.
 */
export async function createNetwork(
  url: string,
  orgNames: string[],
  options: { encrypted?: boolean } = {},
) {
  const root = new Session({ baseUrl: url });
  await root.login(ROOT.username, ROOT.password);
  const orgs: TestOrg[] = [];
  const created: Organization[] = [];
  for (const name of orgNames) {
    created.push(
      await root.call((api) => api.organizations.create({ body: { name: unique(name) } })),
    );
  }
  const collaboration = await root.call((api) =>
    api.collaborations.create({
      body: {
        name: unique('collab'),
        encrypted: options.encrypted ?? false,
        organization_ids: created.map((o) => o.id),
      },
    }),
  );
  for (const org of created) {
    const node = await root.call((api) =>
      api.nodes.create({
        body: {
          collaboration_id: collaboration.id,
          organization_id: org.id,
          name: unique(`node-${org.name}`),
        },
      }),
    );
    orgs.push({ org, nodeId: node.id, apiKey: node.api_key });
  }
  const roles = (await root.call((api) => api.roles.list({ query: { per_page: 50 } }))).data;
  const researcherRole = roles.find((r) => r.name === 'Researcher')!.id;
  const username = unique('researcher');
  const researcherUser = await root.call((api) =>
    api.users.create({
      body: {
        username,
        password: PASSWORD,
        organization_id: orgs[0]!.org.id,
        roles: [researcherRole],
      },
    }),
  );
  const researcher = new Session({ baseUrl: url });
  await researcher.login(username, PASSWORD);
  return {
    root,
    collaboration,
    orgs,
    researcher,
    researcherId: researcherUser.id,
    researcherUsername: username,
  };
}
export type Network = Awaited<ReturnType<typeof createNetwork>>;

/** The researcher creates a task; returns it. */
export async function createTask(
  net: Network,
  body: {
    image: string;
    input: unknown;
    organization_ids: number[];
    databases?: (string | { label: string; query?: string })[];
    name?: string;
  },
) {
  return net.researcher.call((api) =>
    api.tasks.create({
      body: {
        name: body.name ?? unique('task'),
        image: body.image,
        collaboration_id: net.collaboration.id,
        input: JSON.stringify(body.input),
        organization_ids: body.organization_ids,
        databases: body.databases ?? [],
      },
    }),
  );
}

export { ok };
