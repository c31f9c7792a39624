import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';

/**
 * socket.io for the gateway: optionally through Redis pub/sub, so an emit on one server
 * instance reaches all of them; and with message handlers bound as plain listeners.
 */
export class FederaIoAdapter extends IoAdapter {
  private adapter: ReturnType<typeof createAdapter> | undefined;
  private clients: ReturnType<typeof createClient>[] = [];

  async connectRedis(url: string): Promise<void> {
    const pub = createClient({ url });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, options);
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  /**
   * Nest builds an rxjs pipeline per handler for every socket, which kept ~17 KB per idle
   * connection alive (bench/RESULTS.md); one listener per handler does the same job. A
   * listener ends with its socket, so nothing needs tearing down.
   */
  override bindMessageHandlers(
    ...[socket, handlers, transform]: Parameters<IoAdapter['bindMessageHandlers']>
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        transform(callback(data, ack)).subscribe((response) => {
          if (response === null || response === undefined) return;
          const event = response as { event?: string; data?: unknown };
          if (event.event) {
            socket.emit(event.event, event.data);
            return;
          }
          if (!isAckHandledManually && typeof ack === 'function')
            (ack as (r: unknown) => void)(response);
        });
      });
    }
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => undefined)));
  }
}
