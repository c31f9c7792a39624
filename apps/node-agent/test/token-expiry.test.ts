import fs from 'node:fs';
import { createApiClient, ok } from '@federa/client';
import type { NodeDaemon } from '../src';
import { ServerSession } from '../src/server/session';
import { createNetwork, PASSWORD, type Network } from './utils/network';
import { eventually, FIXTURE_IMAGE, startTestNode, tempDir, writeCsv } from './utils/nodes';
import { startTestServer, type TestServer } from './utils/test-server';

jest.setTimeout(40_000);

/** Access tokens live 3 s here: the node must refresh them and reconnect its socket. */
describe('node agent with short-lived access tokens', () => {
  let server: TestServer;
  let net: Network;
  let dir: string;
  let node: NodeDaemon;
  const logins = jest.spyOn(ServerSession.prototype, 'login');

  // The researcher logs in for each call: this suite is about the node's tokens.
  const researcher = async () => {
    const body = { username: net.researcherUsername, password: PASSWORD };
    const token = ok(await createApiClient({ baseUrl: server.url }).token.user({ body }));
    return createApiClient({ baseUrl: server.url, token: () => token.access_token });
  };

  beforeAll(async () => {
    server = await startTestServer({ ACCESS_TOKEN_TTL: '3' });
    net = await createNetwork(server.url, ['a']);
    dir = tempDir('fed-tok-');
    node = await startTestNode(server.url, net.orgs[0]!, dir, {
      databases: [
        { label: 'default', type: 'csv', path: writeCsv(dir, 'a.csv', [['age'], [1], [2]]) },
      ],
    });
  }, 150_000);

  afterAll(async () => {
    await node?.stop();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps taking runs across token expiry: refreshed ahead of time, socket moved over, never offline', async () => {
    // over two lifetimes of the access token, the node stays online throughout
    const statuses = new Set<string>();
    for (const until = Date.now() + 7000; Date.now() < until; ) {
      statuses.add(
        ok(await (await researcher()).nodes.get({ params: { id: node.nodeId } })).status,
      );
      await new Promise((r) => setTimeout(r, 200));
    }
    expect([...statuses]).toEqual(['online']);
    const api = await researcher();

    const task = ok(
      await api.tasks.create({
        body: {
          name: 'after expiry',
          image: FIXTURE_IMAGE,
          collaboration_id: net.collaboration.id,
          input: JSON.stringify({ method: 'partial', args: { column: 'age' } }),
          organization_ids: [net.orgs[0]!.org.id],
        },
      }),
    );
    const result = await eventually(
      async () => {
        const [r] = ok(await (await researcher()).tasks.results({ params: { id: task.id } }));
        return r?.status === 'completed' ? r : undefined;
      },
      20_000,
      'the run to complete',
    );
    expect(JSON.parse(result.result!)).toMatchObject({ n: 2, sum: 3 });
    // renewed with its refresh token, not by logging in again with the API key
    expect(logins).toHaveBeenCalledTimes(1);
    const seen = ok(await (await researcher()).nodes.get({ params: { id: node.nodeId } }));
    expect(seen.status).toBe('online');
  });
});
