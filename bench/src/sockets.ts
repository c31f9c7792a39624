import { io, type Socket } from 'socket.io-client';
import { TASKS_NAMESPACE } from '@federa/contract';

/**
 * Connects to `/tasks` the way the node agent does (websocket transport, no polling phase) and
 * resolves once connected; rejects on refusal or after `timeoutMs`.
 */
export function connectSocket(
  url: string,
  auth: Record<string, unknown>,
  timeoutMs = 30_000,
): Promise<Socket> {
  const socket = io(`${url}${TASKS_NAMESPACE}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('socket connect timeout'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/**
 * Waits for events that carry a `task_id`, including those that arrive before anyone waits
 * (a fast task can complete before its POST /task answer is read).
 */
export class TaskEvents {
  private readonly seen = new Map<number, number>();
  private readonly waiters = new Map<number, (at: number) => void>();

  constructor(
    socket: Socket,
    event: string,
    accept: (payload: { task_id: number; complete?: boolean }) => boolean,
  ) {
    socket.on(event, (payload: { task_id: number; complete?: boolean }) => {
      if (!accept(payload)) return;
      const at = performance.now();
      const waiter = this.waiters.get(payload.task_id);
      if (waiter) {
        this.waiters.delete(payload.task_id);
        waiter(at);
      } else if (!this.seen.has(payload.task_id)) {
        this.seen.set(payload.task_id, at);
      }
    });
  }

  /**
   * Resolves with the performance.now() at which the task's event arrived. `check` is asked
   * every second meanwhile: a string it returns (a failure elsewhere) rejects at once.
   */
  wait(
    taskId: number,
    timeoutMs: number,
    check: () => string | undefined = () => undefined,
  ): Promise<number> {
    const early = this.seen.get(taskId);
    if (early !== undefined) {
      this.seen.delete(taskId);
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      const stop = (error?: Error, at?: number) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(taskId);
        if (error) reject(error);
        else resolve(at!);
      };
      const timer = setTimeout(
        () => stop(new Error(`task ${taskId}: no completion within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const poll = setInterval(() => {
        const failure = check();
        if (failure) stop(new Error(`task ${taskId}: ${failure}`));
      }, 1000);
      this.waiters.set(taskId, (at) => stop(undefined, at));
    });
  }
}
