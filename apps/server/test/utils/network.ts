import { ok } from '@federa/client';
import { client, login, ROOT } from './server';

let counter = 0;
/** A name no other test in this process uses. */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export const PASSWORD = 'Research!1';

/**
 * A small federation: organizations A, B (members of one collaboration) and C (outside it);
 * a researcher in A and in C; a node for A and for B, already logged in.
 */
export async function createNetwork(server: { url: string }) {
  const root = await login(server, ROOT.username, ROOT.password);
  const roles = ok(await root.api.roles.list({ query: { per_page: 50 } })).data;
  const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
  const org = async (name: string) =>
    ok(await root.api.organizations.create({ body: { name: unique(name) } }));
  const [a, b, c] = [await org('org-a'), await org('org-b'), await org('org-c')];
  const collaboration = ok(
    await root.api.collaborations.create({
      body: { name: unique('collab'), organization_ids: [a.id, b.id] },
    }),
  );
  const user = async (organizationId: number, role: string) => {
    const username = unique(role.toLowerCase().replace(/ /g, '-'));
    const created = ok(
      await root.api.users.create({
        body: {
          username,
          password: PASSWORD,
          organization_id: organizationId,
          roles: [roleId(role)],
        },
      }),
    );
    return { ...created, ...(await login(server, username, PASSWORD)) };
  };
  const node = async (organizationId: number) => {
    const created = ok(
      await root.api.nodes.create({
        body: { collaboration_id: collaboration.id, organization_id: organizationId },
      }),
    );
    const token = ok(await client(server).token.node({ body: { api_key: created.api_key } }));
    return { ...created, token: token.access_token, api: client(server, token.access_token) };
  };
  return {
    root,
    roleId,
    orgs: { a, b, c },
    collaboration,
    researcherA: await user(a.id, 'Researcher'),
    researcherC: await user(c.id, 'Researcher'),
    nodeA: await node(a.id),
    nodeB: await node(b.id),
  };
}
export type Network = Awaited<ReturnType<typeof createNetwork>>;
