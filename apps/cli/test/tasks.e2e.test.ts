import fs from 'node:fs';
import path from 'node:path';
import type { Collaboration, NodeWithKey, Organization, Result, Task } from '@federa/contract';
import { CliUser } from './utils/cli';
import { ScriptedNode } from './utils/node';
import { ROOT, sharedServer, unique } from './utils/server';

const PASSWORD = 'Research!1';
type ResultJson = Result & { encrypted: boolean; value: unknown };

/**
 * A researcher's day: tasks sent with `federa task create`, answered by two scripted nodes,
 * followed with --wait, read back with `task results` and `task get`.
 */
describe('federa task', () => {
  let server: { url: string };
  let root: CliUser;
  let researcher: CliUser;
  let orgA: Organization;
  let orgB: Organization;
  let collab: Collaboration;
  let nodeA: ScriptedNode;
  let nodeB: ScriptedNode;

  beforeAll(async () => {
    server = sharedServer();
    root = new CliUser(server.url);
    await root.login(ROOT.username, ROOT.password);
    orgA = await root.json<Organization>('admin', 'organization', 'create', unique('Hospital A'));
    orgB = await root.json<Organization>('admin', 'organization', 'create', unique('Hospital B'));
    collab = await root.json<Collaboration>(
      'admin',
      'collaboration',
      'create',
      '--name',
      unique('diabetes'),
      '--org',
      String(orgA.id),
      String(orgB.id),
    );
    const node = async (collaboration: Collaboration, org: Organization) => {
      const created = await root.json<NodeWithKey>(
        'admin',
        'node',
        'create',
        '--collaboration',
        String(collaboration.id),
        '--organization',
        String(org.id),
      );
      return ScriptedNode.login(server.url, created.api_key);
    };
    [nodeA, nodeB] = [await node(collab, orgA), await node(collab, orgB)];

    const username = unique('researcher');
    const created = await root.spawn(
      [
        'admin',
        'user',
        'create',
        '--username',
        username,
        '--organization',
        String(orgA.id),
        '--role',
        'Researcher',
        '--password-stdin',
      ],
      { stdin: PASSWORD },
    ).done;
    expect(created.code).toBe(0);
    researcher = new CliUser(server.url);
    await researcher.login(username, PASSWORD);
  });
  afterAll(() => {
    [nodeA, nodeB].forEach((n) => n?.close());
    root?.cleanup();
    researcher?.cleanup();
  });

  const label = (org: Organization) => `${org.name} (${org.id})`;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('create --wait shows each organization’s progress, then the results (exit 0)', async () => {
    const inputFile = path.join(researcher.dir, 'input.json');
    fs.writeFileSync(inputFile, JSON.stringify({ columns: ['age'] }));
    const cli = researcher.spawn([
      'task',
      'create',
      '--collaboration',
      String(collab.id),
      '--image',
      'summary',
      '--name',
      'mean age',
      '--input',
      `@${inputFile}`,
      '--database',
      'patients',
      '--wait',
    ]);
    const [, id] = await cli.waitFor(/Task (\d+) created/);
    const taskId = Number(id);
    // the nodes answer only now, while the CLI watches
    await cli.waitFor(new RegExp(escape(`task ${taskId}: ${label(orgB)} pending`)), 'stderr');
    expect(
      await nodeA.answer(taskId, (input) => ({
        status: 'completed',
        result: JSON.stringify({ org: 'A', input: JSON.parse(input) as unknown }),
      })),
    ).toBe(1);
    expect(
      await nodeB.answer(taskId, () => ({
        status: 'completed',
        result: '{"org":"B","mean":41.5}',
      })),
    ).toBe(1);

    const { code, stdout, stderr } = await cli.done;
    expect(code).toBe(0);
    // one plain line per change of each organization (stderr is not a terminal here)
    for (const org of [orgA, orgB]) {
      expect(stderr).toContain(`task ${taskId}: ${label(org)} pending`);
      expect(stderr).toContain(`task ${taskId}: ${label(org)} completed`);
    }
    expect(stderr).toContain(`task ${taskId}: completed`);
    expect(stderr.indexOf(`${label(orgA)} pending`)).toBeLessThan(
      stderr.indexOf(`${label(orgA)} completed`),
    );
    // results, pretty-printed
    expect(stdout).toContain(
      `== ${label(orgA)}: completed\n{\n  "org": "A",\n  "input": {\n    "columns": [\n      "age"\n    ]\n  }\n}`,
    );
    expect(stdout).toContain(`== ${label(orgB)}: completed\n{\n  "org": "B",\n  "mean": 41.5\n}`);

    // task results / task get read it back
    const results = await researcher.run('task', 'results', String(taskId));
    expect(results.code).toBe(0);
    expect(results.stdout).toContain(
      `== ${label(orgB)}: completed\n{\n  "org": "B",\n  "mean": 41.5\n}`,
    );
    const json = await researcher.json<ResultJson[]>('task', 'results', String(taskId));
    expect(json.map((r) => [r.organization_id, r.status, r.value])).toEqual([
      [orgA.id, 'completed', { org: 'A', input: { columns: ['age'] } }],
      [orgB.id, 'completed', { org: 'B', mean: 41.5 }],
    ]);
    const task = await researcher.json<Task>('task', 'get', String(taskId));
    expect(task).toMatchObject({
      id: taskId,
      name: 'mean age',
      status: 'completed',
      complete: true,
      databases: [{ label: 'patients' }],
    });
    const text = await researcher.run('task', 'get', String(taskId));
    expect(text.stdout).toContain(`Task ${taskId} "mean age"`);
    expect(text.stdout).toMatch(new RegExp(`${escape(label(orgB))}\\s+\\d+\\s+\\d+\\s+completed`));
  });

  // util-linux `script` (Debian's essential bsdutils) gives the CLI a real terminal.
  it('create --wait rewrites the progress lines in place on a terminal', async () => {
    const cli = researcher.spawn(
      [
        'task',
        'create',
        '--collaboration',
        String(collab.id),
        '--image',
        'summary',
        '--input',
        'x',
        '--wait',
      ],
      { terminal: true },
    );
    const [, id] = await cli.waitFor(/Task (\d+) created/);
    const taskId = Number(id);
    await cli.waitFor(new RegExp(escape(`${label(orgB)}  pending`)));
    await nodeA.answer(taskId, () => ({ status: 'completed', result: '1' }));
    await nodeB.answer(taskId, () => ({ status: 'completed', result: '2' }));
    const { code, stdout } = await cli.done;
    expect(code).toBe(0);
    // header + one line per organization, redrawn by moving the cursor up three lines
    expect(stdout).toContain(`\u001b[2Ktask ${taskId} pending (0/2 organizations finished)`);
    expect(stdout).toContain('\u001b[3A');
    expect(stdout).toContain(`\u001b[2Ktask ${taskId} completed (2/2 organizations finished)`);
    expect(stdout).toMatch(new RegExp(`\u001b\\[2K  ${escape(label(orgB))}\\s+completed`));
    expect(stdout).not.toContain(`task ${taskId}: ${label(orgA)} pending`); // no plain lines
  });

  it('create --wait --json exits 6 when an organization fails, with the results on stdout', async () => {
    const cli = researcher.spawn([
      '--json',
      'task',
      'create',
      '--collaboration',
      String(collab.id),
      '--image',
      'summary',
      '--input',
      'plain text',
      '--org',
      String(orgB.id),
      '--wait',
    ]);
    const [, id] = await cli.waitFor(/Task (\d+) created/, 'stderr');
    const taskId = Number(id);
    expect(
      await nodeB.answer(taskId, (input) => ({
        status: 'failed',
        reason: `cannot parse "${input}"`,
        log: 'Traceback',
      })),
    ).toBe(1);

    const { code, stdout, stderr } = await cli.done;
    expect(code).toBe(6);
    const answer = JSON.parse(stdout) as { task: Task; results: ResultJson[] };
    expect(answer.task).toMatchObject({
      id: taskId,
      status: 'failed',
      complete: true,
      organization_ids: [orgB.id],
    });
    expect(answer.results).toEqual([
      expect.objectContaining({ organization_id: orgB.id, status: 'failed', log: 'Traceback' }),
    ]);
    const lines = stderr.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({
      statusCode: 0,
      error: 'task_failed',
    });
    expect(stderr).toContain(`task ${taskId}: ${label(orgB)} failed`);
  });

  it('create --wait --timeout gives up waiting with exit 6; the task keeps running', async () => {
    const result = await researcher.run(
      'task',
      'create',
      '--collaboration',
      String(collab.id),
      '--image',
      'slow',
      '--org',
      String(orgA.id),
      '--wait',
      '--timeout',
      '1',
    );
    expect(result.code).toBe(6);
    const [, id] = /Task (\d+) created/.exec(result.stdout) ?? [];
    expect(result.stderr).toContain(`task ${id} is still running after 1s`);
    const task = await researcher.json<Task>('task', 'get', String(id));
    expect(task.complete).toBe(false);
    await researcher.json('task', 'kill', String(id));
  });

  it('lists tasks by collaboration and status; kills a task', async () => {
    const pending = await researcher.json<Task>(
      'task',
      'create',
      '--collaboration',
      String(collab.id),
      '--image',
      'slow',
      '--org',
      String(orgA.id),
    );
    expect(pending).toMatchObject({ status: 'pending', complete: false, name: 'slow' });
    const killed = await researcher.json<Task>('task', 'kill', String(pending.id));
    expect(killed).toMatchObject({ id: pending.id, status: 'killed', complete: true });

    const failed = await researcher.json<Task[]>(
      'task',
      'list',
      '--collaboration',
      String(collab.id),
      '--status',
      'failed',
    );
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t) => t.status === 'failed' && t.collaboration_id === collab.id)).toBe(
      true,
    );
    const text = await researcher.run(
      'task',
      'list',
      '--collaboration',
      String(collab.id),
      '--limit',
      '1',
    );
    expect(text.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^ID\s+NAME\s+STATUS/),
      expect.stringMatching(new RegExp(`^${pending.id}\\s+slow\\s+killed`)),
    ]);
  });

  it('exits 4 with the server’s message for an unknown task', async () => {
    for (const command of ['get', 'results', 'kill']) {
      const result = await researcher.run('task', command, '987654');
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('task 987654 not found');
    }
    const json = await researcher.run('--json', 'task', 'get', '987654');
    expect(JSON.parse(json.stderr)).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: 'task 987654 not found',
    });
  });
});
