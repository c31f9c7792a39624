import { ok } from '@federa/client';
import type { Run, RunStatus, Task } from '@federa/contract';
import { TaskStatusUpdater } from '../../src/tasks/task-status';
import { createNetwork, type Network, PASSWORD, unique } from '../utils/network';
import { client, login, startTestServer, type TestServer } from '../utils/server';

/**
 * A task's status stays in step with its runs when many nodes report at once; and the task and
 * run lists page and filter as documented.
 */

const WIDTH = 8;

let server: TestServer;
let net: Network;
let wide: Awaited<ReturnType<typeof wideCollaboration>>;

/** A collaboration of organization A and WIDTH - 1 others, each with a logged-in node. */
async function wideCollaboration(width: number) {
  const others = [];
  for (let i = 1; i < width; i++) {
    others.push(ok(await net.root.api.organizations.create({ body: { name: unique('wide') } })));
  }
  const orgIds = [net.orgs.a.id, ...others.map((o) => o.id)];
  const collaboration = ok(
    await net.root.api.collaborations.create({
      body: { name: unique('wide'), organization_ids: orgIds },
    }),
  );
  const nodes = [];
  for (const organization_id of orgIds) {
    const node = ok(
      await net.root.api.nodes.create({
        body: { collaboration_id: collaboration.id, organization_id },
      }),
    );
    const token = ok(await client(server).token.node({ body: { api_key: node.api_key } }));
    nodes.push({ ...node, api: client(server, token.access_token) });
  }
  return { collaboration, nodes };
}
type WideNode = (typeof wide.nodes)[number];

const newTask = async (
  by: { api: Network['root']['api'] } = net.researcherA,
  name = unique('task'),
) =>
  ok(
    await by.api.tasks.create({
      body: { name, image: 'img:1', collaboration_id: wide.collaboration.id, input: '{}' },
    }),
  );

/** The open run of `task` that `node` may pick up. */
async function runFor(node: WideNode, taskId: number): Promise<Run> {
  const page = ok(await node.api.runs.list({ query: { task_id: taskId } }));
  expect(page.data).toHaveLength(1);
  return page.data[0]!;
}

const claim = async (node: WideNode, run: Run) =>
  ok(await node.api.runs.claim({ params: { id: run.id }, body: {} }));

type Outcome = 'completed' | 'failed' | 'crashed' | 'not_allowed';

const post = (node: WideNode, run: Run, status: Outcome = 'completed') =>
  node.api.runs.submitResult({
    params: { id: run.id },
    body: { status, result: JSON.stringify({ org: run.organization_id }) },
  });

/** Every node's run of the task, in node order. */
const runsOf = (taskId: number) => Promise.all(wide.nodes.map((n) => runFor(n, taskId)));

async function taskAndRuns(taskId: number): Promise<{ task: Task; statuses: RunStatus[] }> {
  const task = ok(await net.researcherA.api.tasks.get({ params: { id: taskId } }));
  const runs = ok(await net.root.api.runs.list({ query: { task_id: taskId, per_page: 100 } }));
  return { task, statuses: runs.data.map((r) => r.status) };
}

const OPEN: RunStatus[] = ['active', 'initializing', 'pending'];

/**
 * What a task's status should be, from its runs: the first failure shows at once (its own
 * status when all failures agree, else `failed`); otherwise the most advanced open state;
 * `completed` last. The server keeps it with counters; this is the plain definition.
 */
function expectedStatus(runs: RunStatus[]): RunStatus {
  const failures = runs.filter((s) => !OPEN.includes(s) && s !== 'completed');
  if (failures.length) return failures.every((s) => s === failures[0]) ? failures[0]! : 'failed';
  return OPEN.find((s) => runs.includes(s)) ?? 'completed';
}

/** The stored task status agrees with what its runs say it should be. */
async function expectInStep(taskId: number) {
  const { task, statuses } = await taskAndRuns(taskId);
  expect(statuses).toHaveLength(WIDTH);
  expect(task.status).toBe(expectedStatus(statuses));
  expect(task.complete).toBe(statuses.every((s) => !OPEN.includes(s)));
  expect(task.finished_at !== null).toBe(task.complete);
  return { task, statuses };
}

beforeAll(async () => {
  server = await startTestServer();
  net = await createNetwork(server);
  wide = await wideCollaboration(WIDTH);
});
afterAll(() => server.stop());

describe('task status under concurrent run reports', () => {
  it('all nodes posting their results at once leave the task completed', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    await Promise.all(wide.nodes.map((node, i) => claim(node, runs[i]!)));
    const responses = await Promise.all(wide.nodes.map((node, i) => post(node, runs[i]!)));
    expect(responses.map((r) => r.status)).toEqual(Array(WIDTH).fill(200));

    const { task: after, statuses } = await expectInStep(task.id);
    expect(statuses).toEqual(Array(WIDTH).fill('completed'));
    expect(after).toMatchObject({ status: 'completed', complete: true });
  });

  it('results for several tasks posted at once complete every task', async () => {
    const tasks = await Promise.all([newTask(), newTask(), newTask()]);
    const runs = await Promise.all(tasks.map((t) => runsOf(t.id)));
    const responses = await Promise.all(
      tasks.flatMap((_, t) => wide.nodes.map((node, i) => post(node, runs[t]![i]!))),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const task of tasks) {
      expect((await expectInStep(task.id)).task).toMatchObject({
        status: 'completed',
        complete: true,
      });
    }
  });

  it('one failure among concurrent results leaves the task failed and complete', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    await Promise.all(
      wide.nodes.map((node, i) => post(node, runs[i]!, i === 3 ? 'failed' : 'completed')),
    );
    expect((await expectInStep(task.id)).task).toMatchObject({ status: 'failed', complete: true });
  });

  it('failures that agree show as that failure, and differing ones as failed', async () => {
    const agree = await newTask();
    const differ = await newTask();
    const [agreeRuns, differRuns] = await Promise.all([runsOf(agree.id), runsOf(differ.id)]);
    await Promise.all(
      wide.nodes.flatMap((node, i) => [
        post(node, agreeRuns[i]!, i % 2 ? 'crashed' : 'completed'),
        post(node, differRuns[i]!, (['crashed', 'not_allowed', 'completed'] as const)[i % 3]),
      ]),
    );
    expect((await expectInStep(agree.id)).task.status).toBe('crashed');
    expect((await expectInStep(differ.id)).task.status).toBe('failed');
  });

  it('the task shows the most advanced open state while runs move at once', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    // half the nodes claim, a quarter also start; the task is then "active", and stays in step
    await Promise.all(wide.nodes.slice(0, WIDTH / 2).map((node, i) => claim(node, runs[i]!)));
    await Promise.all(
      wide.nodes
        .slice(0, WIDTH / 4)
        .map((node, i) =>
          node.api.runs.update({ params: { id: runs[i]!.id }, body: { status: 'active' } }),
        ),
    );
    expect((await expectInStep(task.id)).task).toMatchObject({ status: 'active', complete: false });
    // the active ones finish: the claimed ones are now the most advanced
    await Promise.all(wide.nodes.slice(0, WIDTH / 4).map((node, i) => post(node, runs[i]!)));
    expect((await expectInStep(task.id)).task.status).toBe('initializing');
    await Promise.all(wide.nodes.slice(0, WIDTH / 2).map((node, i) => post(node, runs[i]!)));
    expect((await expectInStep(task.id)).task.status).toBe('pending');
  });

  it('a duplicate post among concurrent results is a 409 and loses no other result', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    const twice = wide.nodes[0]!;
    const responses = await Promise.all([
      ...wide.nodes.map((node, i) => post(node, runs[i]!)),
      post(twice, runs[0]!),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(WIDTH).fill(200), 409]);
    const { task: after, statuses } = await expectInStep(task.id);
    expect(statuses).toEqual(Array(WIDTH).fill('completed'));
    expect(after.complete).toBe(true);
  });

  it('every node posting twice at once: one 200 and one 409 each, and no result is lost', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    const responses = await Promise.all(
      wide.nodes.flatMap((node, i) => [post(node, runs[i]!), post(node, runs[i]!)]),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([
      ...Array(WIDTH).fill(200),
      ...Array(WIDTH).fill(409),
    ]);
    const { task: after, statuses } = await expectInStep(task.id);
    expect(statuses).toEqual(Array(WIDTH).fill('completed'));
    expect(after.complete).toBe(true);
  });

  it('concurrent claims and progress reports keep the task status in step', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    await Promise.all(wide.nodes.map((node, i) => claim(node, runs[i]!)));
    expect((await expectInStep(task.id)).task.status).toBe('initializing');
    await Promise.all(
      wide.nodes.map((node, i) =>
        node.api.runs.update({ params: { id: runs[i]!.id }, body: { status: 'active' } }),
      ),
    );
    expect((await expectInStep(task.id)).task).toMatchObject({ status: 'active', complete: false });
  });

  it('a kill racing with results leaves every run finished and the task complete', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    await Promise.all([
      net.researcherA.api.tasks.kill({ params: { id: task.id }, body: {} }),
      ...wide.nodes.map((node, i) => post(node, runs[i]!)),
    ]);
    const { task: after, statuses } = await expectInStep(task.id);
    expect(statuses.every((s) => s === 'completed' || s === 'killed')).toBe(true);
    expect(after.complete).toBe(true);
  });
});

describe('after a crash between a run change and its task recount', () => {
  it('a restart brings every unfinished task in line with its runs', async () => {
    const task = await newTask();
    const runs = await runsOf(task.id);
    await post(wide.nodes[0]!, runs[0]!);
    // what a crash would leave: runs changed, the task never recounted
    await server.db.query(
      `UPDATE run SET status = 'completed', "finishedAt" = now() WHERE "taskId" = $1`,
      [task.id],
    );
    expect(ok(await net.researcherA.api.tasks.get({ params: { id: task.id } })).complete).toBe(
      false,
    );
    await server.app.get(TaskStatusUpdater).reconcile();
    expect((await expectInStep(task.id)).task).toMatchObject({
      status: 'completed',
      complete: true,
    });
  });
});

describe('GET /task pages and filters', () => {
  const PAGED = 11;
  const prefix = unique('paged');
  let paged: Task[];
  let secondResearcher: Awaited<ReturnType<typeof login>> & { id: number };

  beforeAll(async () => {
    const username = unique('researcher-2');
    const created = ok(
      await net.root.api.users.create({
        body: {
          username,
          password: PASSWORD,
          organization_id: net.orgs.a.id,
          roles: [net.roleId('Researcher')],
        },
      }),
    );
    secondResearcher = { id: created.id, ...(await login(server, username, PASSWORD)) };
    paged = [];
    for (let i = 0; i < PAGED; i++) paged.push(await newTask(net.researcherA, `${prefix}-${i}`));
  });

  it('pages through every task once, newest first, with the total on each page', async () => {
    const base = { name: prefix, per_page: 4 };
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = ok(await net.researcherA.api.tasks.list({ query: { ...base, page } }));
      expect(body).toMatchObject({ page, per_page: 4, total: PAGED });
      expect(body.data).toHaveLength(page < 3 ? 4 : 3);
      seen.push(...body.data.map((t) => t.id));
    }
    expect(seen).toEqual(paged.map((t) => t.id).reverse());
    const beyond = ok(await net.researcherA.api.tasks.list({ query: { ...base, page: 4 } }));
    expect(beyond).toMatchObject({ data: [], total: PAGED });
  });

  it('per_page defaults to 10', async () => {
    const body = ok(await net.researcherA.api.tasks.list({ query: { name: prefix } }));
    expect(body).toMatchObject({ page: 1, per_page: 10, total: PAGED });
    expect(body.data).toHaveLength(10);
  });

  it('combines filters with paging', async () => {
    const query = { name: prefix, collaboration_id: wide.collaboration.id, per_page: 1 };
    const first = ok(await net.researcherA.api.tasks.list({ query }));
    expect(first).toMatchObject({ total: PAGED, per_page: 1 });
    expect(first.data.map((t) => t.id)).toEqual([paged.at(-1)!.id]);
    const none = ok(
      await net.researcherA.api.tasks.list({ query: { ...query, status: 'completed' } }),
    );
    expect(none).toMatchObject({ total: 0, data: [] });
  });

  it('filters by collaboration_id', async () => {
    const elsewhere = ok(
      await net.researcherA.api.tasks.create({
        body: { name: unique('t'), image: 'img:1', collaboration_id: net.collaboration.id },
      }),
    );
    const body = ok(
      await net.researcherA.api.tasks.list({
        query: { collaboration_id: wide.collaboration.id, per_page: 500 },
      }),
    );
    expect(body.data.every((t) => t.collaboration_id === wide.collaboration.id)).toBe(true);
    expect(body.data.map((t) => t.id)).not.toContain(elsewhere.id);
    const other = ok(
      await net.researcherA.api.tasks.list({
        query: { collaboration_id: net.collaboration.id, per_page: 500 },
      }),
    );
    expect(other.data.map((t) => t.id)).toContain(elsewhere.id);
  });

  it('filters by status', async () => {
    const done = await newTask();
    const runs = await runsOf(done.id);
    await Promise.all(wide.nodes.map((node, i) => post(node, runs[i]!)));
    const waiting = await newTask();
    const query = { collaboration_id: wide.collaboration.id, per_page: 500 };
    const completed = ok(
      await net.researcherA.api.tasks.list({ query: { ...query, status: 'completed' } }),
    );
    const pending = ok(
      await net.researcherA.api.tasks.list({ query: { ...query, status: 'pending' } }),
    );
    expect(completed.data.map((t) => t.id)).toContain(done.id);
    expect(completed.data.map((t) => t.id)).not.toContain(waiting.id);
    expect(completed.data.every((t) => t.status === 'completed')).toBe(true);
    expect(pending.data.map((t) => t.id)).toContain(waiting.id);
    expect(pending.data.every((t) => t.status === 'pending')).toBe(true);
    expect(completed.total).toBe(completed.data.length);
  });

  it('filters by init_user_id', async () => {
    const mine = await newTask(secondResearcher);
    const body = ok(
      await net.researcherA.api.tasks.list({
        query: { init_user_id: secondResearcher.id, per_page: 500 },
      }),
    );
    expect(body.data.map((t) => t.id)).toEqual([mine.id]);
    expect(body.total).toBe(1);
    const byA = ok(
      await net.researcherA.api.tasks.list({
        query: { init_user_id: net.researcherA.id, per_page: 500 },
      }),
    );
    expect(byA.data.every((t) => t.init_user_id === net.researcherA.id)).toBe(true);
    expect(byA.data.map((t) => t.id)).not.toContain(mine.id);
  });
});

describe('GET /run pages and filters', () => {
  let task: Task;
  let runs: Run[];

  beforeAll(async () => {
    task = await newTask();
    runs = await runsOf(task.id);
    // three runs finish, one is claimed, the rest wait
    await Promise.all([0, 1, 2].map((i) => post(wide.nodes[i]!, runs[i]!)));
    await claim(wide.nodes[3]!, runs[3]!);
  });

  it('filters by task_id and pages through its runs', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = ok(
        await net.root.api.runs.list({ query: { task_id: task.id, per_page: 3, page } }),
      );
      expect(body).toMatchObject({ page, per_page: 3, total: WIDTH });
      seen.push(...body.data.map((r) => r.id));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(runs.map((r) => r.id).sort((a, b) => a - b));
  });

  it('filters by organization_id', async () => {
    const org = runs[5]!.organization_id;
    const body = ok(
      await net.root.api.runs.list({ query: { organization_id: org, per_page: 500 } }),
    );
    expect(body.data.every((r) => r.organization_id === org)).toBe(true);
    expect(body.data.map((r) => r.id)).toContain(runs[5]!.id);
    const one = ok(
      await net.root.api.runs.list({ query: { organization_id: org, task_id: task.id } }),
    );
    expect(one.data.map((r) => r.id)).toEqual([runs[5]!.id]);
  });

  it('filters by status', async () => {
    const completed = ok(
      await net.root.api.runs.list({ query: { task_id: task.id, status: 'completed' } }),
    );
    expect(completed.data.map((r) => r.id).sort()).toEqual(
      [0, 1, 2].map((i) => runs[i]!.id).sort(),
    );
    const claimed = ok(
      await net.root.api.runs.list({ query: { task_id: task.id, status: 'initializing' } }),
    );
    expect(claimed.data.map((r) => r.id)).toEqual([runs[3]!.id]);
  });

  it('state=open lists the runs that have not finished', async () => {
    const open = ok(
      await net.root.api.runs.list({ query: { task_id: task.id, state: 'open', per_page: 500 } }),
    );
    expect(open.total).toBe(WIDTH - 3);
    expect(open.data.every((r) => r.finished_at === null)).toBe(true);
    const finished = ok(
      await net.root.api.runs.list({ query: { task_id: task.id, state: 'finished' } }),
    );
    expect(finished.total).toBe(3);
  });

  it("state=open for a node lists only its own organization's open runs", async () => {
    const node = wide.nodes[4]!;
    const open = ok(await node.api.runs.list({ query: { state: 'open', per_page: 500 } }));
    expect(open.data.map((r) => r.id)).toContain(runs[4]!.id);
    expect(open.data.every((r) => r.organization_id === node.organization_id)).toBe(true);
    const done = ok(
      await wide.nodes[0]!.api.runs.list({ query: { task_id: task.id, state: 'open' } }),
    );
    expect(done.total).toBe(0);
  });
});
