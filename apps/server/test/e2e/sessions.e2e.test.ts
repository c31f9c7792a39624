import { ok } from '@federa/client';
import { createNetwork, type Network, PASSWORD } from '../utils/network';
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
    ok(await first.api.token.revoke({ body: { refresh_token: first.refresh } }));
    const after = await first.api.users.me();
    expect(after.status).toBe(401);
    expect(JSON.stringify(after.body)).toMatch(/logged out/);
    expect((await second.api.users.me()).status).toBe(200);
  });

  it('a password change ends every login of that user', async () => {
    const session = await login(server, net.researcherC.username, PASSWORD);
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
});
