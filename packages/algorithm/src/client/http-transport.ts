import { request } from 'node:http';
import type { SubtaskCreate } from '@federa/contract';
import type { SubtaskTransport } from './subtask-client';

/** The node proxy answered with an error status. */
export class ProxyError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const detail =
      typeof body === 'object' &&
      body !== null &&
      typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message
        : typeof body === 'string' && body.length > 0
          ? body.slice(0, 500)
          : 'no details';
    super(`node proxy: ${method} ${path} answered ${status}: ${detail}`);
    this.name = 'ProxyError';
  }
}

export interface HttpTransportOptions {
  /** Path of the proxy's unix socket (`<run dir>/proxy.sock`). */
  socketPath: string;
  /** The run's container token, sent as `Authorization: Bearer`. */
  token?: string;
  /** Prefix of the proxy's routes; default none (`POST /task`). */
  basePath?: string;
  /** Per-request timeout (ms); default 30 000. */
  requestTimeoutMs?: number;
}

/** The node proxy's routes (they mirror the server's) over HTTP on a unix socket. */
export class HttpTransport implements SubtaskTransport {
  constructor(private readonly options: HttpTransportOptions) {}

  createTask(body: SubtaskCreate): Promise<unknown> {
    return this.send('POST', '/task', body);
  }

  getTask(id: number): Promise<unknown> {
    return this.send('GET', `/task/${id}`);
  }

  getResults(id: number): Promise<unknown> {
    return this.send('GET', `/task/${id}/result`);
  }

  private send(method: string, route: string, body?: unknown): Promise<unknown> {
    const path = `${this.options.basePath ?? ''}${route}`;
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {
      accept: 'application/json',
      host: 'federa-proxy',
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const req = request(
        { socketPath: this.options.socketPath, path, method, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = text;
            try {
              json = text.length > 0 ? JSON.parse(text) : undefined;
            } catch {
              // keep the text: an error page, or a bad answer reported below
            }
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) reject(new ProxyError(method, path, status, json));
            else if (typeof json === 'string' || json === undefined) {
              reject(new Error(`node proxy: ${method} ${path} did not answer JSON`));
            } else resolve(json);
          });
        },
      );
      req.setTimeout(this.options.requestTimeoutMs ?? 30_000, () => {
        req.destroy(new Error(`node proxy: ${method} ${path} timed out`));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') {
          reject(
            new Error(
              `cannot reach the node proxy at ${this.options.socketPath}: ${error.message}`,
            ),
          );
        } else reject(error);
      });
      req.end(payload);
    });
  }
}

/** A transport for runs without a proxy: every call explains why subtasks are unavailable. */
export class UnavailableTransport implements SubtaskTransport {
  constructor(private readonly reason: string) {}
  createTask(): Promise<unknown> {
    return Promise.reject(new Error(this.reason));
  }
  getTask(): Promise<unknown> {
    return Promise.reject(new Error(this.reason));
  }
  getResults(): Promise<unknown> {
    return Promise.reject(new Error(this.reason));
  }
}
