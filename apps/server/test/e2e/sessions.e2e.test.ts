import { ok } from '@federa/client';
import { createNetwork, type Network, PASSWORD, unique } from '../utils/network';
import { client, login, startTestServer, type TestServer } from '../utils/server';

/** Ending a login ends its access tokens at once, not only its refresh token. */
describe('sessions', () => {
  let server: TestServer;
  let net: Network;
  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server);
  });
  afterAll(() => server.stop());

  it('logout stops the access token of that login, and only that one', async () => {
    const first = await login(server, net.researcherA.username, PASSWORD);
    const second = await login(server, net.researcherA.username, PASSWORD);
    // in use just before: the server may hold its caller in memory
    ok(await first.api.users.me());
    ok(await first.api.token.revoke({ body: { refresh_token: first.refresh } }));
    const after = await first.api.users.me();
    expect(after.status).toBe(401);
    expect(JSON.stringify(after.body)).toMatch(/logged out/);
    expect((await second.api.users.me()).status).toBe(200);
  });

  it('a password change ends every login of that user', async () => {
    const session = await login(server, net.researcherC.username, PASSWORD);
    ok(await session.api.users.me());
    ok(
      await net.root.api.users.update({
        params: { id: net.researcherC.id },
        body: { password: 'Changed!pass2' },
      }),
    );
    expect((await session.api.users.me()).status).toBe(401);
    expect((await login(server, net.researcherC.username, 'Changed!pass2')).token).toEqual(
      expect.any(String),
    );
  });

  it("a node key reset ends the node's current access token", async () => {
    expect((await net.nodeB.api.runs.list({ query: {} })).status).toBe(200);
    const reset = ok(
      await net.root.api.nodes.resetApiKey({ params: { id: net.nodeB.id }, body: {} }),
    );
    expect((await net.nodeB.api.runs.list({ query: {} })).status).toBe(401);
    const fresh = ok(await client(server).token.node({ body: { api_key: reset.api_key } }));
    expect((await client(server, fresh.access_token).runs.list({ query: {} })).status).toBe(200);
  });

  describe('a token in use follows changes to its user at once', () => {
    const ruleId = async (resource: string, operation: string, scope: string) =>
      ok(await net.root.api.rules.list({ query: { per_page: 500 } })).data.find(
        (r) => r.resource === resource && r.operation === operation && r.scope === scope,
      )!.id;

    /** A user of org A holding one fresh role (may view users of its organization). */
    async function userWithRole() {
      const role = ok(
        await net.root.api.roles.create({
          body: {
            name: unique('role'),
            organization_id: net.orgs.a.id,
            rules: [await ruleId('user', 'view', 'organization')],
          },
        }),
      );
      const username = unique('cached');
      const created = ok(
        await net.root.api.users.create({
          body: { username, password: PASSWORD, organization_id: net.orgs.a.id, roles: [role.id] },
        }),
      );
      const session = await login(server, username, PASSWORD);
      const viewColleague = () => session.api.users.get({ params: { id: net.researcherA.id } });
      expect((await viewColleague()).status).toBe(200);
      return { role, user: created, session, viewColleague };
    }

    it('losing a role', async () => {
      const { user, viewColleague } = await userWithRole();
      ok(await net.root.api.users.update({ params: { id: user.id }, body: { roles: [] } }));
      expect((await viewColleague()).status).toBe(403);
    });

    it('its role losing a rule, and regaining it', async () => {
      const { role, viewColleague } = await userWithRole();
      ok(await net.root.api.roles.update({ params: { id: role.id }, body: { rules: [] } }));
      expect((await viewColleague()).status).toBe(403);
      const rules = [await ruleId('user', 'view', 'organization')];
      ok(await net.root.api.roles.update({ params: { id: role.id }, body: { rules } }));
      expect((await viewColleague()).status).toBe(200);
    });

    it('its role being deleted', async () => {
      const { role, viewColleague } = await userWithRole();
      expect((await net.root.api.roles.remove({ params: { id: role.id } })).status).toBe(204);
      expect((await viewColleague()).status).toBe(403);
    });

    it('being deleted', async () => {
      const { user, session } = await userWithRole();
      const removed = await net.root.api.users.remove({ params: { id: user.id } });
      expect(removed.status).toBe(204);
      const after = await session.api.users.me();
      expect(after.status).toBe(401);
    });
  });
});
