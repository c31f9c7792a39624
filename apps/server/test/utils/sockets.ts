import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@federa/contract';

export type TasksClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects to /tasks with a bearer token; resolves once connected, rejects on refusal. */
export async function connect(url: string, token: string, via: 'header' | 'auth' = 'header') {
  const socket: TasksClient = io(`${url}/tasks`, {
    ...(via === 'header'
      ? { extraHeaders: { Authorization: `Bearer ${token}` } }
      : { auth: { token } }),
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Resolves with the first event of that name satisfying `match`, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TasksClient,
  event: E,
  match: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args);
    };
    socket.on(event, listener as never);
  });
}

export async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
