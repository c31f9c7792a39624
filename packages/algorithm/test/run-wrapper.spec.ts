import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { AlgorithmInput, RunContext } from '@federa/contract';
import { echoProxy, startFakeProxy } from './helpers/fake-proxy';

// The wrapper end to end: a tiny algorithm bundled as an image would be, run as a child
// process on a temporary run directory.
let work: string;
let bundle: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'federa-wrapper-'));
  bundle = join(work, 'algorithm.js');
  await build({
    entryPoints: [join(__dirname, 'fixtures/tiny-algorithm.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

let runCount = 0;
function makeRunDir(input: unknown, options: { csv?: string; token?: string } = {}): string {
  const dir = join(work, `run-${++runCount}`);
  mkdirSync(dir);
  const context: RunContext = {
    taskId: 3,
    runId: 4,
    organizationId: 2,
    collaborationId: 1,
    image: 'localhost/federa/tiny:latest',
    databases: options.csv ? [{ label: 'default', type: 'csv', uri: join(dir, 'data.csv') }] : [],
  };
  if (options.csv) writeFileSync(join(dir, 'data.csv'), options.csv);
  writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
  writeFileSync(join(dir, 'context.json'), JSON.stringify(context));
  if (options.token) writeFileSync(join(dir, 'token'), `${options.token}\n`);
  return dir;
}

function runWrapper(
  runDir: string,
  nodeArgs: string[] = [],
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, bundle], {
      env: { PATH: process.env.PATH, FEDERA_RUN_DIR: runDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const output = (runDir: string): unknown =>
  JSON.parse(readFileSync(join(runDir, 'output.json'), 'utf8'));

describe('run() as an image entry point', () => {
  it('calls input.method on the loaded data and writes output.json', async () => {
    const input: AlgorithmInput = { method: 'describe_data', args: {} };
    const dir = makeRunDir(input, { csv: 'id,name,score\r\n1,"Doe, J",2.5\r\n2,Roe,\r\n' });
    const { code, stderr } = await runWrapper(dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(output(dir)).toEqual({
      label: 'default',
      columns: ['id', 'name', 'score'],
      rows: 2,
      first: { id: 1, name: 'Doe, J', score: 2.5 },
    });
  });

  it('passes args and the run context', async () => {
    const dir = makeRunDir({ method: 'echo', args: { alpha: [1, 2], beta: 'x' } });
    expect((await runWrapper(dir)).code).toBe(0);
    expect(output(dir)).toEqual({ args: { alpha: [1, 2], beta: 'x' }, organizationId: 2 });
  });

  it('exits 1 and lists the methods on an unknown method', async () => {
    const dir = makeRunDir({ method: 'nope', args: {} });
    const { code, stderr } = await runWrapper(dir);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'unknown method "nope"; this algorithm has: describe_data, echo, fail, fan_out',
    );
    expect(existsSync(join(dir, 'output.json'))).toBe(false);
  });

  it('exits 1 and prints the error when the method throws', async () => {
    const dir = makeRunDir({ method: 'fail' });
    const { code, stderr } = await runWrapper(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('Error: deliberate failure');
    expect(existsSync(join(dir, 'output.json'))).toBe(false);
  });

  it('exits 1 on an input.json that does not match the contract', async () => {
    const dir = makeRunDir({ args: {} });
    const { code, stderr } = await runWrapper(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('input.json is not a valid AlgorithmInput: method: Required');
  });

  it('exits 1 with a hint when the run directory is missing', async () => {
    const { code, stderr } = await runWrapper(join(work, 'missing'));
    expect(code).toBe(1);
    expect(stderr).toContain('ENOENT');
    expect(stderr).toContain('FEDERA_RUN_DIR');
  });

  it('exits 1 when data is read but the CSV file is gone', async () => {
    const dir = makeRunDir({ method: 'describe_data' }, { csv: 'a\n1\n' });
    rmSync(join(dir, 'data.csv'));
    const { code, stderr } = await runWrapper(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read database "default"');
  });

  it('creates subtasks through proxy.sock with the run token', async () => {
    const dir = makeRunDir({ method: 'fan_out' }, { token: 'container-token' });
    const proxy = await startFakeProxy(join(dir, 'proxy.sock'), echoProxy(3));
    try {
      const { code, stderr } = await runWrapper(dir);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(output(dir)).toEqual([
        { args: { x: 1 }, organizationId: 1 },
        { args: { x: 1 }, organizationId: 2 },
      ]);
      expect(proxy.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /task',
        'GET /task/10',
        'GET /task/10',
        'GET /task/10',
        'GET /task/10/result',
      ]);
      expect(proxy.requests.every((r) => r.authorization === 'Bearer container-token')).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('explains that subtasks are unavailable without proxy.sock', async () => {
    const dir = makeRunDir({ method: 'fan_out' });
    const { code, stderr } = await runWrapper(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('subtasks are not available in this run');
  });

  it('runs under the Node permission model with read access to the bundle and run dir only', async () => {
    const dir = makeRunDir({ method: 'describe_data' }, { csv: 'a\n1\n2\n' });
    const { code, stderr } = await runWrapper(dir, [
      '--experimental-permission',
      `--allow-fs-read=${bundle}`,
      `--allow-fs-read=${dir}`,
      `--allow-fs-write=${join(dir, 'output.json')}`,
    ]);
    expect(stderr.replace(/^.*ExperimentalWarning.*\n.*--trace-warnings.*\n?/m, '')).toBe('');
    expect(code).toBe(0);
    expect(output(dir)).toMatchObject({ rows: 2 });
  });

  it('reaches proxy.sock under the Node permission model', async () => {
    const dir = makeRunDir({ method: 'fan_out' }, { token: 't' });
    const proxy = await startFakeProxy(join(dir, 'proxy.sock'), echoProxy(1));
    try {
      const { code, stderr } = await runWrapper(dir, [
        '--experimental-permission',
        `--allow-fs-read=${bundle}`,
        `--allow-fs-read=${dir}`,
        `--allow-fs-write=${join(dir, 'output.json')}`,
      ]);
      expect(stderr).not.toContain('Error');
      expect(code).toBe(0);
      expect(output(dir)).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
