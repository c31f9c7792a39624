import { ok } from '@federa/client';
import { ErrorSchema } from '@federa/contract';
import type { DataSource } from 'typeorm';
import { type Network, PASSWORD, unique } from '../utils/network';
import { client, login } from '../utils/server';

/**
 * Shared helpers of the e2e suites: a fingerprint of everything stored (to prove a refused call
 * wrote nothing), extra actors beside the harness network, and raw HTTP for hand-made requests.
 */

/** Every table, with the columns a mere read may touch (last-seen stamps, node presence). */
const TABLES: Record<string, string[]> = {
  organization: [],
  collaboration: [],
  collaboration_member: [],
  study: [],
  study_member: [],
  rule: [],
  role: [],
  role_rule: [],
  user: ['lastSeenAt'],
  user_role: [],
  user_rule: [],
  node: ['lastSeenAt', 'status'],
  task: [],
  run: [],
  refresh_token: [],
  server_secret: [],
};

/** One hash and row count per table: equal fingerprints mean nothing was written. */
export async function fingerprint(db: DataSource): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, volatile] of Object.entries(TABLES)) {
    const row = `(${volatile.reduce((expr, col) => `${expr} - '${col}'`, 'to_jsonb(t)')})::text`;
    const [result] = (await db.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS h FROM "${table}" t`,
    )) as { n: number; h: string }[];
    out[table] = `${result!.n}:${result!.h}`;
  }
  return out;
}

/** Runs `call` and proves it left the database exactly as it was. */
export async function expectNothingWritten<T>(db: DataSource, call: () => Promise<T>): Promise<T> {
  const before = await fingerprint(db);
  const result = await call();
  expect(await fingerprint(db)).toEqual(before);
  return result;
}

/** Asserts the contract's error body: `{statusCode, error, message, issues?}`. */
export function expectErrorBody(
  body: unknown,
  status: number,
): asserts body is {
  statusCode: number;
  error: string;
  message: string;
  issues?: { path: string; message: string }[];
} {
  const parsed = ErrorSchema.safeParse(body);
  if (!parsed.success) throw new Error(`not an error body: ${JSON.stringify(body)}`);
  expect(parsed.data.statusCode).toBe(status);
  expect(parsed.data.message.length).toBeGreaterThan(0);
}

/** A user of `organizationId` with the named default roles, logged in. */
export async function createUser(
  server: { url: string },
  net: Network,
  organizationId: number,
  roles: string[],
) {
  const username = unique(roles.join('-').toLowerCase().replace(/ /g, '-') || 'nobody');
  const created = ok(
    await net.root.api.users.create({
      body: {
        username,
        password: PASSWORD,
        organization_id: organizationId,
        roles: roles.map(net.roleId),
      },
    }),
  );
  return { ...created, ...(await login(server, username, PASSWORD)) };
}
export type Actor = Awaited<ReturnType<typeof createUser>>;

type NetNode = Network['nodeA'];

/** Creates a task of researcherA for every member of the network's collaboration. */
export async function createTask(net: Network, name = unique('task'), image = 'img:1') {
  return ok(
    await net.researcherA.api.tasks.create({
      body: { name, image, collaboration_id: net.collaboration.id, input: '{}' },
    }),
  );
}

/** The run of `task` that belongs to `node`'s organization. */
export async function runOf(node: NetNode, taskId: number) {
  const page = ok(await node.api.runs.list({ query: { task_id: taskId } }));
  expect(page.data).toHaveLength(1);
  return page.data[0]!;
}

/** A node claims its run of the task and obtains a container token for it. */
export async function startContainer(server: { url: string }, node: NetNode, taskId: number) {
  const run = await runOf(node, taskId);
  ok(await node.api.runs.claim({ params: { id: run.id }, body: {} }));
  const { container_token } = ok(await node.api.token.container({ body: { run_id: run.id } }));
  return { run, token: container_token, api: client(server, container_token) };
}

/** Plain HTTP under /api, for requests the typed client cannot make. */
export async function raw(
  server: { url: string },
  method: string,
  path: string,
  options: { token?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
