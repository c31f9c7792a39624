import fs from 'node:fs';
import path from 'node:path';
import { createApiClient, ok, waitForTask } from '@federa/client';
import type { Task } from '@federa/contract';
import { DockerRuntime, type NodeDaemon } from '../src';
import { createLogger } from '../src/logger';
import { prepareRunDir, runDirOf } from '../src/runs/run-dir';
import { createNetwork, createTask, type Network, type TestOrg } from './utils/network';
import { eventually, startTestNode, tempDir, writeCsv } from './utils/nodes';
import {
  buildFixtureImage,
  containersLabelled,
  docker,
  DOCKER_HOST,
  assertEngineReady,
} from './utils/podman';
import { startTestServer, type TestServer } from './utils/test-server';

jest.setTimeout(60_000);

const IMAGE = `localhost/federa/node-test-fixture:${process.pid}`;
const PREFIX = `federa-test-${process.pid}-`;

describe('node agent, docker runtime (Podman), against a real server', () => {
  let server: TestServer;
  let net: Network;
  let dir: string;
  const nodes: NodeDaemon[] = [];
  let a: number, b: number, strict: number, restarted: TestOrg;
  const dockerConfig = {
    host: DOCKER_HOST,
    pull: true,
    user: 'nobody',
    memory: '256m',
    cpus: 1,
    container_prefix: PREFIX,
  };

  beforeAll(async () => {
    assertEngineReady();
    await buildFixtureImage(IMAGE);
    server = await startTestServer();
    net = await createNetwork(server.url, ['org-a', 'org-b', 'org-strict', 'org-restarted']);
    [a, b, strict] = net.orgs.map((o) => o.org.id) as [number, number, number];
    restarted = net.orgs[3]!;
    dir = tempDir('fed-dock-');
    const dataA = writeCsv(dir, 'a.csv', [['age'], [30], [40], [50]]);
    const dataB = writeCsv(dir, 'b.csv', [['age'], [20], [60]]);
    const common = { runtime: 'docker' as const, docker: dockerConfig, keep_run_dirs: true };
    nodes.push(
      await startTestNode(server.url, net.orgs[0]!, dir, {
        ...common,
        databases: [{ label: 'default', type: 'csv', path: dataA }],
        policies: { allowed_images: ['localhost/federa/'] },
      }),
      await startTestNode(server.url, net.orgs[1]!, dir, {
        ...common,
        databases: [
          { label: 'default', type: 'csv', path: dataB },
          { label: 'warehouse', type: 'sql', uri: 'postgresql://reader@db/warehouse' },
        ],
      }),
      await startTestNode(server.url, net.orgs[2]!, dir, {
        ...common,
        databases: [{ label: 'default', type: 'csv', path: dataB }],
        policies: { allowed_images: [`${IMAGE.split(':')[0]}@sha256:${'0'.repeat(64)}`] },
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await server?.stop();
    for (const c of await containersLabelled(`federa.server=${server?.url}`)) {
      await docker().getContainer(c.Id).remove({ force: true });
    }
    await docker()
      .getImage(IMAGE)
      .remove({ force: true })
      .catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const finished = (taskId: number) =>
    waitForTask(net.researcher, taskId, { timeoutMs: 40_000, pollMs: 250 });
  const firstRun = async (taskId: number) =>
    (await net.researcher.call((api) => api.runs.list({ query: { task_id: taskId } }))).data[0]!;

  it('runs a task in containers on two nodes, with a central function creating subtasks through the proxy', async () => {
    const task = await createTask(net, {
      image: IMAGE,
      input: { method: 'central', args: { column: 'age', organizations: [a, b] } },
      organization_ids: [a],
    });
    const { task: done, results } = await finished(task.id);
    expect(done.status).toBe('completed');
    const output = JSON.parse(results[0]!.result!);
    expect(output).toMatchObject({ mean: 40, n: 5 });
    expect(output.parts).toEqual(
      expect.arrayContaining([
        { organization: a, n: 3, sum: 120 },
        { organization: b, n: 2, sum: 80 },
      ]),
    );
    // containers are removed once reported
    expect(await containersLabelled(`federa.run_id=${results[0]!.run_id}`)).toEqual([]);
  });

  it('shows the algorithm its data at /data/<label>.csv, its SQL databases with the query, and only the run dir at /run/federa', async () => {
    const query = 'SELECT age FROM patients WHERE age > 18';
    const task = await createTask(net, {
      image: IMAGE,
      input: { method: 'inspect' },
      organization_ids: [b],
      databases: ['default', { label: 'warehouse', query }],
    });
    const { results } = await finished(task.id);
    const output = JSON.parse(results[0]!.result!);
    expect(output.context.databases).toEqual([
      { label: 'default', type: 'csv', uri: '/data/default.csv' },
      { label: 'warehouse', type: 'sql', uri: 'postgresql://reader@db/warehouse', query },
    ]);
    expect(output.env).toContain('FEDERA_RUN_DIR');
    expect(output.env).not.toContain('FEDERA_API_KEY');
    expect(output.files).toEqual(['context.json', 'input.json', 'proxy.sock', 'token']);
  });

  it('refuses an image that breaks the digest policy: not_allowed, no container', async () => {
    const task = await createTask(net, {
      image: IMAGE,
      input: { method: 'partial', args: { column: 'age' } },
      organization_ids: [strict],
    });
    const { results } = await finished(task.id);
    expect(results[0]!.status).toBe('not_allowed');
    expect((await firstRun(task.id)).status_reason).toMatch(/not in this node's allowed images/);
    expect(await containersLabelled(`federa.run_id=${results[0]!.run_id}`)).toEqual([]);
  });

  it('reports an image that is not there and cannot be pulled as failed', async () => {
    const task = await createTask(net, {
      image: 'localhost/federa/does-not-exist:1',
      input: { method: 'partial', args: {} },
      organization_ids: [a],
    });
    await finished(task.id);
    expect(await firstRun(task.id)).toMatchObject({
      status: 'failed',
      status_reason: expect.stringMatching(
        /image "localhost\/federa\/does-not-exist:1" not available/,
      ),
    });
  });

  it('reports a crashed container with its exit code and log', async () => {
    const task = await createTask(net, {
      image: IMAGE,
      input: { method: 'crash' },
      organization_ids: [b],
    });
    const { results } = await finished(task.id);
    expect(results[0]!.status).toBe('crashed');
    expect(results[0]!.log).toBe('about to fail\nboom: something broke\n');
    expect((await firstRun(task.id)).status_reason).toMatch(/exited with code 3[\s\S]*boom/);
  });

  it('kills a running container: the run ends killed and the container is gone', async () => {
    const task = await createTask(net, {
      image: IMAGE,
      input: { method: 'sleep' },
      organization_ids: [a],
    });
    const active = await eventually(
      async () => {
        const r = await firstRun(task.id);
        return r.status === 'active' ? r : undefined;
      },
      30_000,
      'the run to be active',
    );
    const [container] = await containersLabelled(`federa.run_id=${active.id}`);
    expect(container).toBeDefined();
    const inspected = await docker().getContainer(container!.Id).inspect();
    expect(inspected.Name).toBe(`/${PREFIX}${active.id}`);
    expect(inspected.HostConfig.NetworkMode).toBe('none');
    expect(inspected.HostConfig.Memory).toBe(256 * 1024 * 1024);
    expect(inspected.Config.User).toBe('nobody');
    expect(inspected.Config.Labels).toMatchObject({
      'federa.run_id': String(active.id),
      'federa.node': String(net.orgs[0]!.nodeId),
    });

    await net.researcher.call((api) => api.tasks.kill({ params: { id: task.id }, body: {} }));
    const { results } = await finished(task.id);
    expect(results[0]!.status).toBe('killed');
    await eventually(
      async () =>
        (await containersLabelled(`federa.run_id=${active.id}`)).length === 0 ? true : undefined,
      20_000,
      'the container to be removed',
    );
  });

  it('after a restart, re-attaches to a running container, gives it a proxy again and reports its result', async () => {
    const me = restarted.org.id;
    // the algorithm uses the proxy only after its first node died
    const { task, runId } = await previousLife(restarted, {
      method: 'later',
      args: { ms: 2500, then: { method: 'central', args: { column: 'age', organizations: [me] } } },
    });
    const node = await startTestNode(server.url, restarted, dir, {
      runtime: 'docker',
      docker: dockerConfig,
      databases: [{ label: 'default', type: 'csv', path: path.join(dir, 'b.csv') }],
    });
    nodes.push(node);
    const { results } = await finished(task.id);
    expect(results[0]).toMatchObject({ run_id: runId, status: 'completed' });
    expect(JSON.parse(results[0]!.result!)).toMatchObject({
      mean: 40,
      n: 2,
      parts: [{ organization: me, n: 2, sum: 80 }],
    });
    await node.stop();
  });

  it('after a restart, reports the container that finished while the node was away', async () => {
    const { task, runId } = await previousLife(restarted, { method: 'crash', args: {} });
    await eventually(
      async () => {
        const [c] = await containersLabelled(`federa.run_id=${runId}`);
        return c?.State === 'exited' ? true : undefined;
      },
      20_000,
      'the container to exit',
    );
    const node = await startTestNode(server.url, restarted, dir, {
      runtime: 'docker',
      docker: dockerConfig,
    });
    nodes.push(node);
    const { results } = await finished(task.id);
    expect(results[0]).toMatchObject({ run_id: runId, status: 'crashed' });
    expect(results[0]!.log).toContain('boom');
    await node.stop();
  });

  /**
   * What a node that then died did: claim a run, lay out its run dir and start its container.
   * Its successor must pick up from there.
   */
  async function previousLife(org: TestOrg, input: { method: string; args: object }) {
    const task: Task = await createTask(net, {
      image: IMAGE,
      input,
      organization_ids: [org.org.id],
    });
    const login = ok(
      await createApiClient({ baseUrl: server.url }).token.node({ body: { api_key: org.apiKey } }),
    );
    const api = createApiClient({ baseUrl: server.url, token: () => login.access_token });
    const [pending] = ok(await api.runs.list({ query: { task_id: task.id } })).data;
    const run = ok(await api.runs.claim({ params: { id: pending!.id }, body: {} }));
    const token = ok(await api.token.container({ body: { run_id: run.id } })).container_token;
    const runDir = runDirOf(path.join(dir, `n${org.nodeId}`), run.id);
    const runtime = new DockerRuntime(
      { ...dockerConfig, memory: undefined, pids_limit: 256, keep_containers: false },
      { nodeId: org.nodeId, serverUrl: server.url },
      createLogger('silent'),
    );
    prepareRunDir(runDir, {
      input: input as never,
      token,
      context: {
        taskId: task.id,
        runId: run.id,
        organizationId: org.org.id,
        collaborationId: net.collaboration.id,
        image: IMAGE,
        databases: [],
      },
    });
    await runtime.start({ runId: run.id, taskId: task.id, image: IMAGE, runDir, databases: [] });
    return { task, runId: run.id };
  }
});
