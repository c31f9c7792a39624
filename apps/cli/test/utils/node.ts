import { io, type Socket } from 'socket.io-client';
import { createApiClient, ok, type ApiClient } from '@federa/client';
import type { RunResultCreate } from '@federa/contract';

/** A node played by the test over HTTP, as apps/server's seed-flow test does it. */
export class ScriptedNode {
  private socket: Socket | undefined;

  private constructor(
    readonly server: string,
    readonly token: string,
    readonly api: ApiClient,
  ) {}

  static async login(server: string, apiKey: string): Promise<ScriptedNode> {
    const anonymous = createApiClient({ baseUrl: server });
    const { access_token } = ok(await anonymous.token.node({ body: { api_key: apiKey } }));
    return new ScriptedNode(
      server,
      access_token,
      createApiClient({ baseUrl: server, token: () => access_token }),
    );
  }

  /** Opens the node's socket, which makes the server report it online. */
  async connect(): Promise<void> {
    const socket = io(`${this.server}/tasks`, {
      auth: { token: this.token },
      transports: ['websocket'],
    });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  /** Claims every open run of the task, reports progress, then posts the final report. */
  async answer(
    taskId: number,
    report: (input: string) => Omit<RunResultCreate, 'log'> & { log?: string },
  ): Promise<number> {
    const open = ok(
      await this.api.runs.list({ query: { state: 'open', task_id: taskId, per_page: 100 } }),
    );
    for (const run of open.data) {
      ok(await this.api.runs.claim({ params: { id: run.id }, body: {} }));
      ok(await this.api.runs.update({ params: { id: run.id }, body: { status: 'active' } }));
      await new Promise((r) => setTimeout(r, 100)); // let the watcher see "active"
      ok(
        await this.api.runs.submitResult({
          params: { id: run.id },
          body: { log: 'ran', ...report(run.input ?? '') },
        }),
      );
    }
    return open.data.length;
  }

  close(): void {
    this.socket?.close();
  }
}
