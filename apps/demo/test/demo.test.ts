import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `pnpm demo` as a newcomer runs it: starts, completes the example task, stops on Ctrl-C. */
describe('the demo', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'federa-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = () => {
    const child = spawn(
      process.execPath,
      [
        path.resolve(__dirname, '../dist/main.js'),
        '--port',
        '0',
        '--no-web',
        '--data-dir',
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => output.includes('Ctrl-C to stop.') && resolve());
      child.once('exit', (code) => reject(new Error(`demo exited early (${code}):\n${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, ready, exited, output: () => output };
  };

  it('runs the example task, writes its connection details, and stops cleanly', async () => {
    const demo = run();
    await demo.ready;
    const file = path.join(dataDir, 'demo.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const details = JSON.parse(readFileSync(file, 'utf8')) as {
      api_url: string;
      users: { username: string; password: string; organization: string }[];
      collaboration: { id: number };
      nodes: { name: string }[];
      images: string[];
      example: { result: { rows: number; columns: Record<string, { mean: number }> } };
    };
    expect(details.api_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(details.nodes).toHaveLength(3);
    expect(details.images).toEqual(['federa/summary', 'federa/logreg']);
    expect(details.users.length).toBeGreaterThanOrEqual(3);
    // the federated mean over the three sample files (120 + 80 + 150 rows)
    expect(details.example.result.rows).toBe(350);
    expect(details.example.result.columns.age!.mean).toBeGreaterThan(18);

    // the printed users can log in to the running server
    const alice = details.users[0]!;
    const login = await fetch(`${details.api_url}/token/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: alice.username, password: alice.password }),
    });
    expect(login.status).toBe(200);
    expect(demo.output()).toContain(alice.password);

    // the socket example of the README, against the running demo
    const example = spawnSync(
      process.execPath,
      [path.resolve(__dirname, '../examples/listen.mjs'), file],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(example.status).toBe(0);
    expect(example.stdout).toMatch(/status_update: result \d+ of task \d+ is completed/);
    const printed = /result: (.*)/.exec(example.stdout)?.[1];
    expect(JSON.parse(printed!)).toMatchObject({ columns: { age: { count: 350 } } });

    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
  });

  it('starts again on the same data directory', async () => {
    const demo = run();
    await demo.ready;
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
  });
});
