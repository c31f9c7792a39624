import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Result, SubtaskCreate, Task } from '@federa/contract';

/** What the fake node proxy saw. */
export interface ProxyRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

export type ProxyHandler = (req: ProxyRequest) => { status: number; body: unknown } | undefined;

/** Stands in for the node's proxy: an HTTP server on a unix socket. */
export async function startFakeProxy(
  socketPath: string,
  handler: ProxyHandler,
): Promise<{
  server: Server;
  requests: ProxyRequest[];
  close: () => Promise<void>;
}> {
  const requests: ProxyRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const seen: ProxyRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      requests.push(seen);
      const answer = handler(seen) ?? {
        status: 404,
        body: { statusCode: 404, error: 'not_found', message: 'no route' },
      };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    server,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 7,
    name: 'subtask',
    description: null,
    image: 'localhost/federa/test:latest',
    collaboration_id: 1,
    study_id: null,
    parent_id: 3,
    job_id: 3,
    init_org_id: 1,
    init_user_id: null,
    databases: [],
    status: 'pending',
    complete: false,
    organization_ids: [1, 2],
    created_at: '2025-01-01T00:00:00.000Z',
    finished_at: null,
    ...overrides,
  };
}

export function makeResult(overrides: Partial<Result> = {}): Result {
  return {
    id: 1,
    run_id: 1,
    task_id: 7,
    organization_id: 1,
    node: 1,
    status: 'completed',
    result: 'null',
    log: null,
    finished_at: '2025-01-01T00:00:01.000Z',
    ...overrides,
  };
}

/** A proxy that runs `echo` subtasks: complete after `pollsUntilComplete` GETs of the task. */
export function echoProxy(pollsUntilComplete = 2): ProxyHandler {
  const tasks = new Map<number, { task: Task; body: SubtaskCreate; polls: number }>();
  let nextId = 10;
  return (req) => {
    if (req.method === 'POST' && req.url === '/task') {
      const body = req.body as SubtaskCreate;
      const task = makeTask({ id: nextId++, organization_ids: body.organization_ids });
      tasks.set(task.id, { task, body, polls: 0 });
      return { status: 201, body: task };
    }
    const match = /^\/task\/(\d+)(\/result)?$/.exec(req.url);
    const entry = match ? tasks.get(Number(match[1])) : undefined;
    if (!entry || req.method !== 'GET') return undefined;
    if (!match?.[2]) {
      entry.polls++;
      const complete = entry.polls >= pollsUntilComplete;
      return {
        status: 200,
        body: { ...entry.task, complete, status: complete ? 'completed' : 'active' },
      };
    }
    return {
      status: 200,
      body: entry.body.organization_ids.map((organizationId, i) =>
        makeResult({
          id: 100 + i,
          run_id: 100 + i,
          task_id: entry.task.id,
          organization_id: organizationId,
          result: JSON.stringify({ args: entry.body.input.args, organizationId }),
        }),
      ),
    };
  };
}
