import fs from 'node:fs';
import path from 'node:path';
import { waitForTask } from '@federa/client';
import type { NodeDaemon } from '../src';
import { createNetwork, createTask, type Network } from './utils/network';
import { eventually, FIXTURE_IMAGE, startTestNode, tempDir, writeCsv } from './utils/nodes';
import { startTestServer, type TestServer } from './utils/test-server';

jest.setTimeout(30_000);

describe('node agent, process runtime, against a real server', () => {
  let server: TestServer;
  let net: Network;
  let dir: string;
  const nodes: NodeDaemon[] = [];
  let a: number, b: number, strict: number, limited: number;

  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server.url, ['org-a', 'org-b', 'org-strict', 'org-limited']);
    [a, b, strict, limited] = net.orgs.map((o) => o.org.id) as [number, number, number, number];
    dir = tempDir('fed-proc-');
    const dataA = writeCsv(dir, 'a.csv', [
      ['age', 'sex'],
      [30, 'f'],
      [40, 'm'],
      [50, 'f'],
    ]);
    const dataB = writeCsv(dir, 'b.csv', [
      ['age', 'sex'],
      [20, 'm'],
      [60, 'f'],
    ]);
    nodes.push(
      await startTestNode(server.url, net.orgs[0]!, dir, {
        databases: [{ label: 'default', type: 'csv', path: dataA }],
        keep_run_dirs: true,
      }),
      await startTestNode(server.url, net.orgs[1]!, dir, {
        databases: [{ label: 'default', type: 'csv', path: dataB }],
      }),
      await startTestNode(server.url, net.orgs[2]!, dir, {
        databases: [{ label: 'default', type: 'csv', path: dataB }],
        policies: { allowed_images: ['localhost/federa/approved/*'], allowed_organizations: [a] },
      }),
      await startTestNode(server.url, net.orgs[3]!, dir, {
        databases: [{ label: 'default', type: 'csv', path: dataB }],
        max_run_seconds: 1,
        keep_run_dirs: true,
      }),
    );
  }, 150_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const finished = (taskId: number) =>
    waitForTask(net.researcher, taskId, { timeoutMs: 20_000, pollMs: 250 });
  const run = async (taskId: number) => {
    const runs = await net.researcher.call((api) => api.runs.list({ query: { task_id: taskId } }));
    return runs.data[0]!;
  };

  it('runs a task on two nodes: each sends back its own numbers', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'partial', args: { column: 'age' } },
      organization_ids: [a, b],
    });
    const { task: done, results } = await finished(task.id);
    expect(done.status).toBe('completed');
    const byOrg = Object.fromEntries(
      results.map((r) => [r.organization_id, JSON.parse(r.result!)]),
    );
    expect(byOrg[a]).toEqual({ organization: a, n: 3, sum: 120 });
    expect(byOrg[b]).toEqual({ organization: b, n: 2, sum: 80 });
  });

  it('lets a central function create subtasks through the proxy and combine them', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'central', args: { column: 'age', organizations: [a, b] } },
      organization_ids: [a],
    });
    const { task: done, results } = await finished(task.id);
    expect(done.status).toBe('completed');
    const output = JSON.parse(results[0]!.result!);
    expect(output).toMatchObject({ mean: 40, n: 5 });
    // the subtask belongs to the task, in the same collaboration, with the same image
    const sub = await net.researcher.call((api) =>
      api.tasks.get({ params: { id: output.subtask } }),
    );
    expect(sub).toMatchObject({
      parent_id: task.id,
      image: FIXTURE_IMAGE,
      complete: true,
      init_org_id: a,
    });
  });

  it('refuses a task that breaks its policies: not_allowed with the reason, nothing runs', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'partial', args: { column: 'age' } },
      organization_ids: [strict],
    });
    const { results } = await finished(task.id);
    expect(results[0]).toMatchObject({ status: 'not_allowed', result: null });
    const refused = await run(task.id);
    expect(refused.status_reason).toMatch(
      /image "federa\/node-test-fixture" is not in this node's allowed images/,
    );
  });

  it('reports a missing image as failed with the reason', async () => {
    const task = await createTask(net, {
      image: 'federa/does-not-exist',
      input: { method: 'partial', args: {} },
      organization_ids: [a],
    });
    await finished(task.id);
    expect(await run(task.id)).toMatchObject({
      status: 'failed',
      status_reason: expect.stringMatching(/image "federa\/does-not-exist" not available/),
    });
  });

  it('reports a crash as crashed: the exit code and the log reach the researcher', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'crash' },
      organization_ids: [b],
    });
    const { results } = await finished(task.id);
    expect(results[0]!.status).toBe('crashed');
    expect(results[0]!.log).toContain('about to fail');
    expect(results[0]!.log).toContain('boom: something broke');
    expect((await run(task.id)).status_reason).toMatch(
      /exited with code 3[\s\S]*boom: something broke/,
    );
  });

  it('fails a run whose input is not {method, args}, or that asks for an unknown database', async () => {
    const bad = await net.researcher.call((api) =>
      api.tasks.create({
        body: {
          name: 'bad input',
          image: FIXTURE_IMAGE,
          collaboration_id: net.collaboration.id,
          input: 'not json',
          organization_ids: [a],
        },
      }),
    );
    const unknownDb = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'partial', args: { column: 'age' } },
      organization_ids: [b],
      databases: ['warehouse'],
    });
    await finished(bad.id);
    await finished(unknownDb.id);
    expect(await run(bad.id)).toMatchObject({
      status: 'failed',
      status_reason: expect.stringMatching(/not JSON/),
    });
    expect(await run(unknownDb.id)).toMatchObject({
      status: 'failed',
      status_reason: expect.stringMatching(/no database labelled "warehouse" \(it has: default\)/),
    });
  });

  it('confines the algorithm: real data paths, only FEDERA_RUN_DIR in its env, no reading elsewhere', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'inspect' },
      organization_ids: [a],
    });
    const { results } = await finished(task.id);
    const output = JSON.parse(results[0]!.result!);
    expect(output.env).toEqual(['FEDERA_RUN_DIR']);
    expect(output.hostFile).toBe('ERR_ACCESS_DENIED');
    expect(output.files).toEqual(['context.json', 'input.json', 'proxy.sock', 'token']);
    expect(output.context).toMatchObject({
      taskId: task.id,
      organizationId: a,
      collaborationId: net.collaboration.id,
      image: FIXTURE_IMAGE,
      databases: [{ label: 'default', type: 'csv', uri: path.join(dir, 'a.csv') }],
    });
  });

  it('stops a run that goes past max_run_seconds and reports it failed', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'sleep' },
      organization_ids: [limited],
    });
    const { task: done, results } = await finished(task.id);
    expect(done.status).toBe('failed');
    const stopped = await run(task.id);
    expect(stopped.status_reason).toMatch(/max_run_seconds: 1\b/);
    const started = Date.parse(stopped.started_at!);
    expect(Date.parse(results[0]!.finished_at!) - started).toBeGreaterThanOrEqual(1000);
    const pidFile = path.join(nodes[3]!.config.work_dir, 'runs', String(stopped.id), 'pid.txt');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('kills a running task: the runs end killed and the process is gone', async () => {
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'sleep' },
      organization_ids: [a],
    });
    const active = await eventually(
      async () => {
        const r = await run(task.id);
        return r.status === 'active' ? r : undefined;
      },
      15_000,
      'the run to be active',
    );
    const pidFile = path.join(nodes[0]!.config.work_dir, 'runs', String(active.id), 'pid.txt');
    const pid = Number(
      await eventually(async () =>
        fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : undefined,
      ),
    );
    expect(() => process.kill(pid, 0)).not.toThrow();

    await net.researcher.call((api) => api.tasks.kill({ params: { id: task.id }, body: {} }));
    const { results } = await finished(task.id);
    expect(results[0]!.status).toBe('killed');
    await eventually(
      async () => {
        try {
          process.kill(pid, 0);
          return undefined;
        } catch {
          return true;
        }
      },
      10_000,
      'the algorithm process to exit',
    );
    await eventually(async () =>
      nodes[0]!.runningRunIds().includes(active.id) ? undefined : true,
    );
  });
});
