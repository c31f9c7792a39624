import { randomBytes } from 'node:crypto';
import { ok, type ApiClient } from '@federa/client';

/** Demo passwords: random per run, readable, and within the password policy. */
const password = () => `Demo-${randomBytes(6).toString('base64url')}1!`;

export interface DemoUser {
  username: string;
  password: string;
  organization: string;
  organization_id: number;
  role: string;
}

export interface DemoNetwork {
  collaboration: { id: number; name: string };
  organizations: { id: number; name: string }[];
  users: DemoUser[];
  nodes: { id: number; name: string; organization_id: number; api_key: string }[];
}

const ORGANIZATIONS = ['Amsterdam Medical Center', 'Leiden Cancer Registry', 'Utrecht Biobank'];

/** Three organizations in one collaboration, a researcher and an admin for each, one node each. */
export async function createDemoNetwork(root: ApiClient): Promise<DemoNetwork> {
  const roles = ok(await root.roles.list({ query: { per_page: 100 } })).data;
  const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
  const organizations = [];
  for (const [i, name] of ORGANIZATIONS.entries()) {
    const org = ok(
      await root.organizations.create({
        body: { name, country: 'NL', domain: `org${i + 1}.example` },
      }),
    );
    organizations.push({ id: org.id, name: org.name });
  }
  const collaboration = ok(
    await root.collaborations.create({
      body: { name: 'Demo collaboration', organization_ids: organizations.map((o) => o.id) },
    }),
  );
  const users: DemoUser[] = [];
  const people = [
    ['alice', 'Researcher'],
    ['bob', 'Researcher'],
    ['carol', 'Researcher'],
  ] as const;
  for (const [i, org] of organizations.entries()) {
    for (const [username, role] of [people[i]!, [`admin${i + 1}`, 'Organization Admin'] as const]) {
      const pw = password();
      ok(
        await root.users.create({
          body: { username, password: pw, organization_id: org.id, roles: [roleId(role)] },
        }),
      );
      users.push({ username, password: pw, organization: org.name, organization_id: org.id, role });
    }
  }
  const nodes = [];
  for (const org of organizations) {
    const node = ok(
      await root.nodes.create({
        body: { collaboration_id: collaboration.id, organization_id: org.id },
      }),
    );
    nodes.push({ id: node.id, name: node.name, organization_id: org.id, api_key: node.api_key });
  }
  return {
    collaboration: { id: collaboration.id, name: collaboration.name },
    organizations,
    users,
    nodes,
  };
}
