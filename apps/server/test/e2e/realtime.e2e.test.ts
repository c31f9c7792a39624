import { ok } from '@federa/client';
import { createNetwork, type Network } from '../utils/network';
import { startTestServer, type TestServer, client } from '../utils/server';
import { connect, nextEvent, type TasksClient, waitFor } from '../utils/sockets';

describe('the /tasks socket', () => {
  let server: TestServer;
  let net: Network;
  const sockets: TasksClient[] = [];
  const open = async (token: string, via?: 'header' | 'auth') => {
    const socket = await connect(server.url, token, via);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer({ NODE_HEARTBEAT_TIMEOUT: '1' });
    net = await createNetwork(server);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => server.stop());

  const createTask = (organizationIds?: number[]) =>
    net.researcherA.api.tasks
      .create({
        body: {
          name: 'rt',
          image: 'img',
          collaboration_id: net.collaboration.id,
          input: 'x',
          ...(organizationIds ? { organization_ids: organizationIds } : {}),
        },
      })
      .then(ok);

  it('refuses a connection without a valid token', async () => {
    await expect(connect(server.url, 'not-a-token')).rejects.toThrow(/invalid access token/);
  });

  it('lets members join their collaboration room and refuses outsiders', async () => {
    const member = await open(net.researcherA.token, 'auth');
    const room = `collaboration_${net.collaboration.id}`;
    expect(await member.emitWithAck('join_room', room)).toEqual({ ok: true, room });

    const outsider = await open(net.researcherC.token);
    const refusedEvent = nextEvent(outsider, 'room_error');
    const refused = await outsider.emitWithAck('join_room', room);
    expect(refused).toMatchObject({ ok: false, room });
    expect((await refusedEvent)[0].room).toBe(room);
    expect(await outsider.emitWithAck('join_room', `node_${net.nodeA.id}`)).toMatchObject({
      ok: false,
    });

    // the outsider hears nothing about the collaboration's runs
    let leaked = false;
    outsider.on('status_update', () => (leaked = true));
    const heard = nextEvent(member, 'task_status');
    await createTask();
    await heard;
    expect(leaked).toBe(false);
  });

  it('tells a connected node about its new runs, within the same breath', async () => {
    const node = await open(net.nodeA.token);
    const event = nextEvent(node, 'new_task');
    const task = await createTask([net.orgs.a.id]);
    const [payload] = await event;
    expect(payload.task_id).toBe(task.id);
    const runs = ok(await net.nodeA.api.runs.list({ query: { task_id: task.id } })).data;
    expect(payload.run_ids).toEqual(runs.map((r) => r.id));
  });

  it('lets a node that was offline pick up its runs on connect, and never twice', async () => {
    const task = await createTask([net.orgs.b.id]);
    // nodeB was not connected: on (re)connect it syncs through the API
    await open(net.nodeB.token);
    const pending = ok(
      await net.nodeB.api.runs.list({ query: { state: 'open', task_id: task.id } }),
    ).data;
    expect(pending).toHaveLength(1);
    const run = pending[0]!;
    ok(await net.nodeB.api.runs.claim({ params: { id: run.id }, body: {} }));
    // the node drops mid-run and comes back: the run is not handed out again
    const again = await net.nodeB.api.runs.claim({ params: { id: run.id }, body: {} });
    expect(again.status).toBe(409);
    ok(
      await net.nodeB.api.runs.submitResult({
        params: { id: run.id },
        body: { status: 'completed', result: '1' },
      }),
    );
  });

  it('shows nodes online and offline, through the API and as events', async () => {
    const watcher = await open(net.researcherA.token);
    await watcher.emitWithAck('join_room', `collaboration_${net.collaboration.id}`);
    const online = nextEvent(
      watcher,
      'node_status',
      (e) => e.node_id === net.nodeA.id && e.status === 'online',
    );
    const node = await open(net.nodeA.token);
    await online;
    expect(ok(await net.researcherA.api.nodes.get({ params: { id: net.nodeA.id } })).status).toBe(
      'online',
    );

    const offline = nextEvent(
      watcher,
      'node_status',
      (e) => e.node_id === net.nodeA.id && e.status === 'offline',
    );
    node.close();
    await offline;
    expect(ok(await net.researcherA.api.nodes.get({ params: { id: net.nodeA.id } })).status).toBe(
      'offline',
    );
  });

  it('explains why a run waits when its node goes silent, and clears it on return', async () => {
    const node = await open(net.nodeA.token);
    const task = await createTask([net.orgs.a.id]);
    const [run] = ok(await net.nodeA.api.runs.list({ query: { task_id: task.id } })).data;
    ok(await net.nodeA.api.runs.claim({ params: { id: run!.id }, body: {} }));
    node.close();
    await waitFor(async () => {
      const r = ok(await net.researcherA.api.runs.get({ params: { id: run!.id } }));
      return /node went silent/.test(r.status_reason ?? '');
    });
    await open(net.nodeA.token);
    await waitFor(async () => {
      const r = ok(await net.researcherA.api.runs.get({ params: { id: run!.id } }));
      return r.status_reason === null;
    });
  });

  it('marks a node offline when its heartbeats stop, even with the socket open', async () => {
    const node = await open(net.nodeB.token);
    expect(await node.emitWithAck('heartbeat', { run_ids: [] })).toEqual({ ok: true });
    // NODE_HEARTBEAT_TIMEOUT is 1 s here and the sweep runs every second
    await waitFor(
      async () =>
        ok(await net.root.api.nodes.get({ params: { id: net.nodeB.id } })).status === 'offline',
      6000,
    );
    await node.emitWithAck('heartbeat', { run_ids: [] });
    expect(ok(await net.root.api.nodes.get({ params: { id: net.nodeB.id } })).status).toBe(
      'online',
    );
  });

  it('sends kill_task to the node holding the run, and the run ends killed', async () => {
    const node = await open(net.nodeA.token);
    const task = await createTask([net.orgs.a.id]);
    const [run] = ok(await net.nodeA.api.runs.list({ query: { task_id: task.id } })).data;
    ok(await net.nodeA.api.runs.claim({ params: { id: run!.id }, body: {} }));
    const kill = nextEvent(node, 'kill_task');
    const killed = ok(await net.researcherA.api.tasks.kill({ params: { id: task.id }, body: {} }));
    expect(killed.status).toBe('killed');
    expect(killed.complete).toBe(true);
    expect((await kill)[0]).toMatchObject({ task_id: task.id, run_ids: [run!.id] });
    const late = await net.nodeA.api.runs.submitResult({
      params: { id: run!.id },
      body: { status: 'completed', result: '1' },
    });
    expect(late.status).toBe(409);
  });

  it('ends a connection whose token expires, telling the client why', async () => {
    const short = await startTestServer({ ACCESS_TOKEN_TTL: '1' });
    try {
      const body = ok(
        await client(short).token.user({ body: { username: 'root', password: 'Root!pass1' } }),
      );
      const socket = await connect(short.url, body.access_token);
      sockets.push(socket);
      const expired = nextEvent(socket, 'token_expired', () => true, 4000);
      const disconnected = new Promise((r) => socket.once('disconnect', r));
      await expired;
      await disconnected;
      // and a reconnect with the expired token is refused
      await expect(connect(short.url, body.access_token)).rejects.toThrow(/expired/);
    } finally {
      await short.stop();
    }
  });
});
