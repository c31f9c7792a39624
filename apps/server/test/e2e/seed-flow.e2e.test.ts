import { io } from 'socket.io-client';
import { ok } from '@federa/client';
import { createNetwork, type Network, PASSWORD } from '../utils/network';
import { startTestServer, type TestServer } from '../utils/server';

/**
 * The seed's researcher snippet (shared/seeds/create-computation-task.txt), step by step, over
 * plain HTTP exactly as its Python does it, with only url and api_path changed; nodes answer.
 */
describe('the seed flow', () => {
  let server: TestServer;
  let net: Network;
  const api_path = '/api';

  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server);
  });
  afterAll(() => server.stop());

  const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${api_path}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
    });
  const get = (path: string, headers: Record<string, string>) =>
    fetch(`${server.url}${api_path}${path}`, { headers });

  /** What a node does for every open run: claim it, compute, post the result. */
  async function nodeAnswers(node: Network['nodeA'], compute: (input: string) => string) {
    const open = ok(await node.api.runs.list({ query: { state: 'open', per_page: 100 } }));
    for (const run of open.data) {
      ok(await node.api.runs.claim({ params: { id: run.id }, body: {} }));
      ok(await node.api.runs.update({ params: { id: run.id }, body: { status: 'active' } }));
      ok(
        await node.api.runs.submitResult({
          params: { id: run.id },
          body: { status: 'completed', result: compute(run.input ?? ''), log: 'done' },
        }),
      );
    }
    return open.data.length;
  }

  it('authenticates, posts a task, polls until complete and reads the results', async () => {
    // Authentication
    const response = await post('/token/user', {
      username: net.researcherA.username,
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    const data = (await response.json()) as { access_token: string; refresh_token: string };
    const access_token = data.access_token;
    expect(data.refresh_token).toEqual(expect.any(String));

    // Request new computation
    const headers = { Authorization: 'Bearer ' + access_token };
    const task_spec = {
      description: 'human readable description, not used by the code',
      image: 'docker-registry.distributedlearning.ai/docker-image-name',
      input: 'some input',
      name: 'human readable',
      collaboration_id: net.collaboration.id,
    };
    const created = await post('/task', task_spec, headers);
    expect(created.status).toBeLessThan(300);
    let task = (await created.json()) as { id: number; complete: boolean; status: string };
    expect(task.complete).toBe(false);
    const task_id = task.id;

    // The task went to every organization of the collaboration: each node sees its run.
    const seenByA = nodeAnswers(net.nodeA, (input) => JSON.stringify({ echo: input, org: 'A' }));

    // Polling
    task = (await (await get(`/task/${task_id}`, headers)).json()) as typeof task;
    let polls = 0;
    while (!task.complete) {
      if (polls === 1) {
        expect(await seenByA).toBe(1);
        expect(
          await nodeAnswers(net.nodeB, (input) => JSON.stringify({ echo: input, org: 'B' })),
        ).toBe(1);
      }
      await new Promise((r) => setTimeout(r, 50));
      task = (await (await get(`/task/${task_id}`, headers)).json()) as typeof task;
      if (++polls > 200) throw new Error('task never completed');
    }
    expect(task.status).toBe('completed');

    // Obtain results
    const results = (await (await get(`/task/${task_id}/result`, headers)).json()) as {
      node: number;
      result: string;
      organization_id: number;
    }[];
    expect(results).toHaveLength(2);
    const byNode = new Map(results.map((r) => [r.node, JSON.parse(r.result) as unknown]));
    expect(byNode.get(net.nodeA.id)).toEqual({ echo: 'some input', org: 'A' });
    expect(byNode.get(net.nodeB.id)).toEqual({ echo: 'some input', org: 'B' });
  });

  it('delivers status_update on the websocket after join_room, as the seed listens', async () => {
    const socket = io(`${server.url}/tasks`, {
      extraHeaders: { Authorization: `Bearer ${net.researcherA.token}` },
      transports: ['polling', 'websocket'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', resolve);
        socket.on('connect_error', reject);
      });
      const joined = await socket.emitWithAck('join_room', `collaboration_${net.collaboration.id}`);
      expect(joined).toEqual({ ok: true, room: `collaboration_${net.collaboration.id}` });
      const updates: number[] = [];
      socket.on('status_update', (resultId: number) => updates.push(resultId));

      const task = ok(
        await net.researcherA.api.tasks.create({
          body: { name: 'ws', image: 'img', collaboration_id: net.collaboration.id, input: 'x' },
        }),
      );
      await nodeAnswers(net.nodeA, () => '"a"');
      await nodeAnswers(net.nodeB, () => '"b"');
      const runs = ok(await net.researcherA.api.tasks.results({ params: { id: task.id } }));
      const deadline = Date.now() + 5000;
      while (!runs.every((r) => updates.includes(r.id)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      for (const run of runs) expect(updates).toContain(run.id);
      // the status_update argument is a result id the seed can fetch
      const fetched = ok(await net.researcherA.api.results.get({ params: { id: updates[0]! } }));
      expect(fetched.task_id).toBe(task.id);
    } finally {
      socket.close();
    }
  });
});
