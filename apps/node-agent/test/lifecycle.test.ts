import fs from 'node:fs';
import path from 'node:path';
import { createApiClient, ok, waitForTask } from '@federa/client';
import { RESTART_REASON, type NodeDaemon } from '../src';
import { createNetwork, createTask, type Network, type TestOrg } from './utils/network';
import {
  eventually,
  FIXTURE_ALGORITHM,
  FIXTURE_IMAGE,
  startTestNode,
  tempDir,
  writeCsv,
} from './utils/nodes';
import { startTestServer, type TestServer } from './utils/test-server';

jest.setTimeout(40_000);

const SUMMARY_BUNDLE = require.resolve('@federa/algorithm-summary/dist/algorithm.js');

/** The example algorithm, offline pick-up, restarts, shutdown and concurrency. */
describe('node agent lifecycle', () => {
  let server: TestServer;
  let net: Network;
  let dir: string;
  let data: [string, string];
  const nodes: NodeDaemon[] = [];
  const org = (i: number): TestOrg => net.orgs[i]!;

  const start = async (i: number, overrides: Parameters<typeof startTestNode>[3] = {}) => {
    const node = await startTestNode(server.url, org(i), dir, {
      databases: [{ label: 'default', type: 'csv', path: data[i % 2]! }],
      process: { images: { [FIXTURE_IMAGE]: FIXTURE_ALGORITHM, 'federa/summary': SUMMARY_BUNDLE } },
      ...overrides,
    });
    nodes.push(node);
    return node;
  };
  const finished = (taskId: number) =>
    waitForTask(net.researcher, taskId, { timeoutMs: 30_000, pollMs: 250 });
  const runsOf = async (taskId: number) =>
    (await net.researcher.call((api) => api.runs.list({ query: { task_id: taskId } }))).data;
  const activeRun = (taskId: number) =>
    eventually(
      async () => (await runsOf(taskId)).find((r) => r.status === 'active'),
      20_000,
      'an active run',
    );
  const task = (i: number, input: object) =>
    createTask(net, { image: FIXTURE_IMAGE, input, organization_ids: [org(i).org.id] });

  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server.url, [
      'a',
      'b',
      'offline',
      'restarted',
      'graceful',
      'timeout',
      'serial',
    ]);
    dir = tempDir('fed-life-');
    data = [
      writeCsv(dir, 'a.csv', [
        ['age', 'sex'],
        [30, 'F'],
        [40, 'M'],
        [50, 'F'],
      ]),
      writeCsv(dir, 'b.csv', [
        ['age', 'sex'],
        [20, 'M'],
        [60, 'F'],
      ]),
    ];
  }, 150_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs the summary example algorithm (central + partials) on two nodes with the right numbers', async () => {
    const [a, b] = [await start(0), await start(1)];
    const created = await createTask(net, {
      image: 'federa/summary',
      input: {
        method: 'central',
        args: { organizations: [org(0).org.id, org(1).org.id], columns: ['age', 'sex'] },
      },
      organization_ids: [org(0).org.id],
      databases: ['default'],
    });
    const { task, results } = await finished(created.id);
    expect(task.status).toBe('completed');
    const summary = JSON.parse(results[0]!.result!);
    expect(summary.rows).toBe(5);
    expect(summary.columns.age).toMatchObject({
      type: 'numeric',
      count: 5,
      mean: 40,
      min: 20,
      max: 60,
    });
    expect(summary.columns.age.std).toBeCloseTo(Math.sqrt(250), 10);
    expect(summary.columns.sex).toMatchObject({ type: 'categorical', counts: { F: 3, M: 2 } });
    const node = await net.researcher.call((api) => api.nodes.get({ params: { id: a.nodeId } }));
    expect(node.status).toBe('online');
    expect(b.runningRunIds()).toEqual([]);
  });

  it('picks up the runs created while it was offline as soon as it starts', async () => {
    const created = await task(2, { method: 'partial', args: { column: 'age' } });
    expect((await runsOf(created.id))[0]!.status).toBe('pending');
    await start(2);
    const { results } = await finished(created.id);
    expect(JSON.parse(results[0]!.result!)).toMatchObject({ n: 3, sum: 120 });
  });

  it('reports a run a restart left behind as failed, without running it again', async () => {
    const created = await task(3, { method: 'slow', args: { ms: 10 } });
    // the node's previous life claimed the run, then died
    const login = ok(
      await createApiClient({ baseUrl: server.url }).token.node({
        body: { api_key: org(3).apiKey },
      }),
    );
    const api = createApiClient({ baseUrl: server.url, token: () => login.access_token });
    const [pending] = ok(await api.runs.list({ query: { task_id: created.id } })).data;
    ok(await api.runs.claim({ params: { id: pending!.id }, body: {} }));

    await start(3);
    const { results } = await finished(created.id);
    expect(results[0]).toMatchObject({ status: 'failed', result: null });
    expect((await runsOf(created.id))[0]!.status_reason).toBe(RESTART_REASON);
  });

  it('on stop, lets a running run finish and report, and takes no new runs', async () => {
    const node = await start(4);
    const slow = await task(4, { method: 'slow', args: { ms: 1500 } });
    await activeRun(slow.id);
    const stopping = node.stop();
    const later = await task(4, { method: 'slow', args: { ms: 10 } });
    await stopping;
    expect((await runsOf(slow.id))[0]).toMatchObject({
      status: 'completed',
      result: JSON.stringify({ slept: 1500 }),
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await runsOf(later.id))[0]!.status).toBe('pending');
  });

  it('on stop, stops a run that outlasts shutdown_timeout and reports it failed', async () => {
    const node = await start(5, { shutdown_timeout: 1, keep_run_dirs: true });
    const sleeper = await task(5, { method: 'sleep' });
    const run = await activeRun(sleeper.id);
    const pidFile = path.join(node.config.work_dir, 'runs', String(run.id), 'pid.txt');
    const pid = Number(
      await eventually(async () =>
        fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : undefined,
      ),
    );
    await node.stop();
    expect((await runsOf(sleeper.id))[0]).toMatchObject({
      status: 'failed',
      status_reason: 'the node shut down before the run finished',
      log: expect.stringContaining('sleeping'),
    });
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('runs no more than max_concurrent_runs at a time', async () => {
    await start(6, { max_concurrent_runs: 1 });
    const tasks = [
      await task(6, { method: 'slow', args: { ms: 600 } }),
      await task(6, { method: 'slow', args: { ms: 600 } }),
    ];
    for (const t of tasks) await finished(t.id);
    const [first, second] = (await Promise.all(tasks.map((t) => runsOf(t.id)))).map((r) => r[0]!);
    expect(first!.status).toBe('completed');
    expect(second!.status).toBe('completed');
    const [early, late] = [first!, second!].sort(
      (x, y) => Date.parse(x.started_at!) - Date.parse(y.started_at!),
    );
    expect(Date.parse(late!.started_at!)).toBeGreaterThanOrEqual(Date.parse(early!.finished_at!));
  });
});
