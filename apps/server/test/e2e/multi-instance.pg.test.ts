import { ok } from '@federa/client';
import { loadConfig } from '../../src/config/config';
import { startServer, type FederaServer } from '../../src/app';
import { createNetwork, type Network, PASSWORD } from '../utils/network';
import { createUser } from './support';
import { client, login, startTestServer, type TestServer } from '../utils/server';
import { connect, nextEvent, type TasksClient } from '../utils/sockets';

const REDIS_URL = process.env.FEDERA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two server instances behind "one address": shared Postgres, socket events through Redis. */
describe('several server instances', () => {
  let a: TestServer;
  let b: FederaServer;
  let net: Network;
  const sockets: TasksClient[] = [];

  beforeAll(async () => {
    a = await startTestServer({ REDIS_URL });
    b = await startServer(loadConfig({ ...a.env, PORT: '0' }));
    net = await createNetwork(a);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b.close();
    await a.stop();
  });

  it('delivers to a researcher on instance A what a node does on instance B', async () => {
    const researcher = await connect(a.url, net.researcherA.token);
    sockets.push(researcher);
    await researcher.emitWithAck('join_room', `collaboration_${net.collaboration.id}`);

    // the node talks only to instance B, over the socket and over HTTP
    const node = await connect(b.url, net.nodeA.token);
    sockets.push(node);
    const nodeApi = client(b, net.nodeA.token);

    const newTask = nextEvent(node, 'new_task');
    const task = ok(
      await net.researcherA.api.tasks.create({
        body: {
          name: 'x',
          image: 'img',
          collaboration_id: net.collaboration.id,
          organization_ids: [net.orgs.a.id],
        },
      }),
    );
    const [{ run_ids }] = await newTask; // created on A, heard on B
    const runId = run_ids[0]!;

    const update = nextEvent(researcher, 'status_update', (id) => id === runId);
    const done = nextEvent(researcher, 'task_status', (e) => e.task_id === task.id && e.complete);
    ok(await nodeApi.runs.claim({ params: { id: runId }, body: {} }));
    await update;
    ok(
      await nodeApi.runs.submitResult({
        params: { id: runId },
        body: { status: 'completed', result: '42' },
      }),
    );
    const [final] = await done;
    expect(final.status).toBe('completed');
    // tokens issued by one instance are good on the other (shared signing key)
    expect(
      ok(await client(b, net.researcherA.token).tasks.get({ params: { id: task.id } })).complete,
    ).toBe(true);
  });

  it('keeps a node online while it is connected to either instance', async () => {
    const first = await connect(a.url, net.nodeB.token);
    const second = await connect(b.url, net.nodeB.token);
    sockets.push(first, second);
    first.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(ok(await net.root.api.nodes.get({ params: { id: net.nodeB.id } })).status).toBe(
      'online',
    );
    second.close();
    const deadline = Date.now() + 5000;
    while (
      ok(await net.root.api.nodes.get({ params: { id: net.nodeB.id } })).status !== 'offline'
    ) {
      if (Date.now() > deadline) throw new Error('node never went offline');
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('a logout on one instance ends the access token on the other at once', async () => {
    const session = await login(a, net.researcherC.username, PASSWORD);
    const onB = client(b, session.token);
    ok(await onB.users.me()); // instance B now knows this caller
    ok(await session.api.token.revoke({ body: { refresh_token: session.refresh } }));
    expect((await onB.users.me()).status).toBe(401);
  });

  it('a role taken away on one instance applies on the other at once', async () => {
    const user = await createUser(a, net, net.orgs.a.id, ['Researcher']);
    const onB = client(b, user.token);
    const colleague = () => onB.users.get({ params: { id: net.researcherA.id } });
    expect((await colleague()).status).toBe(200);
    ok(await net.root.api.users.update({ params: { id: user.id }, body: { roles: [] } }));
    expect((await colleague()).status).toBe(403);
  });
});
