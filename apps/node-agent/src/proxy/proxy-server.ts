import { chmodSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createApiClient, type ApiClient } from '@federa/client';
import {
  SubtaskCreateSchema,
  type AlgorithmInput,
  type ApiError,
  type Task,
  type TaskInput,
} from '@federa/contract';
import type { Logger } from '../logger';
import { NoPublicKeyError } from '../encryption/envelope-codec';
import type { PayloadCodec } from '../encryption/payload-codec';

export interface ProxyOptions {
  /** `<run dir>/proxy.sock` */
  socketPath: string;
  serverUrl: string;
  /** The run's container token: every forwarded call speaks as this run's algorithm. */
  containerToken: string;
  /** The run's task: subtasks inherit its collaboration, image and databases. */
  task: Task;
  log: Logger;
  codec: PayloadCodec;
}

export interface Proxy {
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

class HttpError extends Error {
  constructor(readonly body: ApiError) {
    super(body.message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError({
        statusCode: 413,
        error: 'payload_too_large',
        message: 'request body too large',
      });
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError({ statusCode: 400, error: 'bad_request', message: 'the body is not JSON' });
  }
}

/** A subtask's input for each organization; one without a public key is the caller's error. */
async function encodeInput(
  codec: PayloadCodec,
  input: AlgorithmInput,
  organizationIds: number[],
): Promise<{ id: number; input: TaskInput }[]> {
  try {
    return await codec.encodeInput(input, organizationIds);
  } catch (error) {
    if (!(error instanceof NoPublicKeyError)) throw error;
    throw new HttpError({ statusCode: 400, error: 'bad_request', message: error.message });
  }
}

/**
 * The node's proxy for one run: an HTTP server on a unix socket in the run dir (the only way
 * out of a container without network). It lets the algorithm create subtasks of its task and
 * read their status and results, forwarding to the server with the run's container token.
 */
export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const { task, log, codec } = options;
  const api: ApiClient = createApiClient({
    baseUrl: options.serverUrl,
    token: () => options.containerToken,
  });

  const routes: {
    method: string;
    pattern: RegExp;
    handle: (match: RegExpExecArray, req: IncomingMessage) => Promise<[number, unknown]>;
  }[] = [
    {
      method: 'POST',
      pattern: /^\/task\/?$/,
      handle: async (_match, req) => {
        const parsed = SubtaskCreateSchema.safeParse(await readJson(req));
        if (!parsed.success) {
          throw new HttpError({
            statusCode: 400,
            error: 'validation_failed',
            message: 'invalid subtask',
            issues: parsed.error.issues.map((i) => ({
              path: `body.${i.path.join('.')}`,
              message: i.message,
            })),
          });
        }
        const sub = parsed.data;
        const response = await api.tasks.create({
          body: {
            name: (sub.name ?? `${task.name} (subtask)`).slice(0, 200),
            ...(sub.description !== undefined ? { description: sub.description } : {}),
            image: task.image,
            collaboration_id: task.collaboration_id,
            organizations: await encodeInput(codec, sub.input, sub.organization_ids),
            databases: sub.databases ?? task.databases,
          },
        });
        return [response.status, response.body];
      },
    },
    {
      method: 'GET',
      pattern: /^\/task\/(\d+)\/?$/,
      handle: async (match) => {
        const response = await api.tasks.get({ params: { id: Number(match[1]) } });
        return [response.status, response.body];
      },
    },
    {
      method: 'GET',
      pattern: /^\/task\/(\d+)\/result\/?$/,
      handle: async (match) => {
        const response = await api.tasks.results({ params: { id: Number(match[1]) } });
        if (response.status !== 200) return [response.status, response.body];
        try {
          return [200, await codec.decodeResults(response.body)];
        } catch (error) {
          throw new HttpError({
            statusCode: 500,
            error: 'internal',
            message: `node proxy: the results could not be decrypted: ${(error as Error).message}`,
          });
        }
      },
    },
  ];

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    void (async () => {
      try {
        // The socket sits in this run's directory only; the token check keeps it that way
        // even if a directory were ever shared.
        if (req.headers.authorization !== `Bearer ${options.containerToken}`) {
          throw new HttpError({
            statusCode: 401,
            error: 'unauthorized',
            message: 'send the run token as Bearer',
          });
        }
        for (const route of routes) {
          const match = route.pattern.exec(path);
          if (match && req.method === route.method) {
            const [status, body] = await route.handle(match, req);
            send(res, status, body);
            return;
          }
        }
        throw new HttpError({
          statusCode: 404,
          error: 'not_found',
          message: `no route ${req.method} ${path}`,
        });
      } catch (error) {
        if (error instanceof HttpError) {
          send(res, error.body.statusCode, error.body);
          return;
        }
        // The server is unreachable (or answered nonsense): the algorithm may retry.
        log.warn({ err: error, path }, 'proxy could not reach the server');
        send(res, 502, {
          statusCode: 502,
          error: 'internal',
          message: `node proxy: ${(error as Error).message}`,
        });
      }
    })();
  });

  rmSync(options.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socketPath, () => resolve());
  });
  // Connecting to a unix socket needs write permission: the algorithm may run as another user.
  chmodSync(options.socketPath, 0o666);

  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(options.socketPath, { force: true });
      }),
  };
}
