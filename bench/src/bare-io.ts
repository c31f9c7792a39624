import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The fan-out and idle-connection baseline: a bare socket.io server (namespace /tasks, no
 * authentication, no database). Clients connect with `auth: { group }` and join that room; a
 * researcher (`auth: { role: 'researcher' }`) emits `start`, the server broadcasts `new_task`
 * to the group and collects every client's ack, then tells the researcher `task_status`.
 */
export async function startBareIo(): Promise<BareServer> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { cors: { origin: true } });
  const tasks = io.of('/tasks');
  tasks.on('connection', (socket) => {
    const auth = socket.handshake.auth as { group?: string; role?: string };
    if (auth.group) void socket.join(auth.group);
    if (auth.role === 'researcher') void socket.join('researchers');
    socket.on('start', (msg: { group: string; task_id: number }) => {
      tasks
        .to(msg.group)
        .timeout(120_000)
        .emit(
          'new_task',
          { task_id: msg.task_id, run_ids: [msg.task_id] },
          (error: unknown, acks: unknown[]) => {
            tasks.to('researchers').emit('task_status', {
              task_id: msg.task_id,
              complete: !error,
              acks: acks?.length ?? 0,
            });
          },
        );
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}
