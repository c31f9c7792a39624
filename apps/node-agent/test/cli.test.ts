import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForTask } from '@federa/client';
import { stringify } from 'yaml';
import { RESTART_REASON } from '../src';
import { createNetwork, createTask, type Network } from './utils/network';
import { eventually, FIXTURE_ALGORITHM, FIXTURE_IMAGE, tempDir, writeCsv } from './utils/nodes';
import { startTestServer, type TestServer } from './utils/test-server';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..');

/** `federa-node start` as its own process, the way a data manager runs it. */
class NodeProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private output = '';

  constructor(config: string, env: Record<string, string> = {}) {
    const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
    this.child = spawn(
      process.execPath,
      ['-r', './test/utils/swc-register.js', 'src/cli.ts', 'start', '--log-level', 'info'],
      {
        cwd: ROOT,
        env: { ...inherited, FEDERA_NODE_CONFIG: config, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get log(): string {
    return this.output;
  }

  /** Resolves once the node logged `message`. */
  waitFor(message: string): Promise<true> {
    return eventually(
      async () => (this.output.includes(message) ? true : undefined),
      30_000,
      `"${message}" in ${this.output}`,
    );
  }
}

describe('federa-node start (a separate process)', () => {
  let server: TestServer;
  let net: Network;
  let dir: string;
  const children: NodeProcess[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server.url, ['cli-a', 'cli-b']);
    dir = tempDir('fed-cli-');
  }, 150_000);

  afterAll(async () => {
    for (const c of children) c.child.kill('SIGKILL');
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const configFor = (i: number) => {
    const org = net.orgs[i]!;
    const file = path.join(dir, `node-${i}.yaml`);
    fs.writeFileSync(
      file,
      stringify({
        server_url: server.url,
        name: `cli-${i}`,
        work_dir: `n${i}`,
        heartbeat_interval: 1,
        shutdown_timeout: 10,
        databases: [
          { label: 'default', type: 'csv', path: writeCsv(dir, `d${i}.csv`, [['age'], [1], [2]]) },
        ],
        process: { images: { [FIXTURE_IMAGE]: FIXTURE_ALGORITHM } },
      }),
    );
    return { file, apiKey: org.apiKey, orgId: org.org.id, workDir: path.join(dir, `n${i}`) };
  };
  const start = (config: ReturnType<typeof configFor>) => {
    const node = new NodeProcess(config.file, { FEDERA_API_KEY: config.apiKey });
    children.push(node);
    return node;
  };
  const runOf = async (taskId: number) =>
    (await net.researcher.call((api) => api.runs.list({ query: { task_id: taskId } }))).data[0]!;
  const active = (taskId: number) =>
    eventually(
      async () => {
        const run = await runOf(taskId);
        return run.status === 'active' ? run : undefined;
      },
      30_000,
      'an active run',
    );

  it('on SIGTERM lets the running run finish, reports it and exits 0', async () => {
    const config = configFor(0);
    const node = start(config);
    await node.waitFor('connected to the server socket');
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'slow', args: { ms: 1500 } },
      organization_ids: [config.orgId],
    });
    await active(task.id);
    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(0);
    expect(await runOf(task.id)).toMatchObject({ status: 'completed', result: '{"slept":1500}' });
    expect(node.log).toContain('"msg":"stopped"');
  });

  it('after a crash (SIGKILL), the next start stops the orphaned algorithm and reports the run failed', async () => {
    const config = configFor(1);
    const first = start(config);
    await first.waitFor('connected to the server socket');
    const task = await createTask(net, {
      image: FIXTURE_IMAGE,
      input: { method: 'sleep' },
      organization_ids: [config.orgId],
    });
    const run = await active(task.id);
    const pidFile = path.join(config.workDir, 'runs', `${run.id}.pid`);
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(() => process.kill(pid, 0)).not.toThrow(); // the algorithm outlived its node

    const second = start(config);
    const { results } = await waitForTask(net.researcher, task.id, {
      timeoutMs: 30_000,
      pollMs: 250,
    });
    expect(results[0]!.status).toBe('failed');
    expect((await runOf(task.id)).status_reason).toBe(RESTART_REASON);
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
      'the orphaned algorithm to be stopped',
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses to start with a bad config, naming the field (exit code 2)', async () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'server_url: nope\n');
    const node = start({ file, apiKey: '', orgId: 0, workDir: dir });
    expect(await node.exited).toBe(2);
    expect(node.log).toMatch(/server_url: Invalid url/);
    expect(node.log).toMatch(/api_key: Required/);
  });
});
