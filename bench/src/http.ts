import http from 'node:http';

export interface HttpResponse {
  status: number;
  body: Buffer;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    body: string,
  ) {
    super(`${method} ${path} → ${status} ${body.slice(0, 300)}`);
    this.name = 'HttpError';
  }
}

/**
 * A minimal keep-alive HTTP client on node:http: the load generator should cost as little as
 * it can, so the figures are about the server. Every benchmark and every baseline use it alike.
 */
export class HttpClient {
  readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly options: { maxSockets?: number; token?: string } = {},
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
  }

  request(method: string, path: string, body?: unknown, token?: string): Promise<HttpResponse> {
    const payload =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const bearer = token ?? this.options.token;
    const headers: http.OutgoingHttpHeaders = {};
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The parsed JSON body of a 2xx answer; an HttpError otherwise. */
  async json<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const res = await this.request(method, path, body, token);
    const text = res.body.toString('utf8');
    if (res.status < 200 || res.status >= 300) throw new HttpError(res.status, method, path, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
