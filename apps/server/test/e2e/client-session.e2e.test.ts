import { ok, Session, type SessionTokens, waitForTask } from '@federa/client';
import { createNetwork, type Network, PASSWORD } from '../utils/network';
import { client, startTestServer, type TestServer } from '../utils/server';

/** The SDK's Session against a server whose access tokens live 2 seconds. */
describe('@federa/client Session', () => {
  let server: TestServer;
  let net: Network;
  beforeAll(async () => {
    server = await startTestServer({ ACCESS_TOKEN_TTL: '2' });
    net = await createNetwork(server);
  });
  afterAll(() => server.stop());

  it('refreshes an expired access token and keeps the newest refresh token', async () => {
    const seen: (SessionTokens | undefined)[] = [];
    const session = new Session({ baseUrl: server.url, onTokens: (t) => seen.push(t) });
    await session.login(net.researcherA.username, PASSWORD);
    const first = seen.at(-1)!;
    await new Promise((r) => setTimeout(r, 2500)); // the access token has expired now
    const me = await session.call((api) => api.users.me());
    expect(me.username).toBe(net.researcherA.username);
    const second = seen.at(-1)!;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    // the rotated-out refresh token no longer works
    const reuse = await net.root.api.token.refresh({
      body: { refresh_token: first.refresh_token },
    });
    expect(reuse.status).toBe(401);
  });

  it('waits for a task through the socket and returns its results', async () => {
    const session = new Session({ baseUrl: server.url });
    await session.login(net.researcherA.username, PASSWORD);
    const task = await session.call((api) =>
      api.tasks.create({
        body: {
          name: 'wait',
          image: 'img',
          collaboration_id: net.collaboration.id,
          organization_ids: [net.orgs.b.id],
          input: 'x',
        },
      }),
    );
    const progress: string[] = [];
    let waitingStarted!: () => void;
    const started = new Promise<void>((r) => (waitingStarted = r));
    const waiting = waitForTask(session, task.id, {
      onProgress: (t) => {
        progress.push(t.status);
        waitingStarted();
      },
      pollMs: 60_000, // only the socket can wake it up in time
      timeoutMs: 20_000,
    });
    await started; // the node answers only once the client is waiting
    // tokens live 2 s on this server: the node logs in afresh
    const login = ok(await client(server).token.node({ body: { api_key: net.nodeB.api_key } }));
    const node = client(server, login.access_token);
    const [run] = ok(await node.runs.list({ query: { task_id: task.id } })).data;
    ok(await node.runs.claim({ params: { id: run!.id }, body: {} }));
    ok(
      await node.runs.submitResult({
        params: { id: run!.id },
        body: { status: 'completed', result: '{"n":3}' },
      }),
    );
    const { task: done, results } = await waiting;
    expect(done.complete).toBe(true);
    expect(JSON.parse(results[0]!.result!)).toEqual({ n: 3 });
    expect(progress[0]).toBe('pending');
    await session.logout();
    expect(session.loggedIn).toBe(false);
  });
});
