import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  type Result,
  type ServerToClientEvents,
  type Task,
  TASKS_NAMESPACE,
  rooms,
} from '@federa/contract';
import type { Session } from './session';

export type TasksSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens the `/tasks` socket with the session's token and joins the collaboration's room. */
export async function subscribe(session: Session, collaborationId: number): Promise<TasksSocket> {
  const socket: TasksSocket = io(`${session.baseUrl}${TASKS_NAMESPACE}`, {
    auth: (cb) => void session.accessToken().then((token) => cb({ token })),
  });
  const join = () => socket.emit('join_room', rooms.collaboration(collaborationId));
  socket.on('connect', join);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export interface WaitOptions {
  /** called on every change of the task or one of its runs */
  onProgress?: (task: Task, results: Result[]) => void;
  /** give up after this long (ms); default: wait forever */
  timeoutMs?: number;
  /** poll at most this often as a safety net besides the socket (ms) */
  pollMs?: number;
}

/**
 * Waits until a task is complete: listens on the socket and re-reads the task on each event,
 * with a slow poll as a safety net for missed events. Resolves with the task and its results.
 */
export async function waitForTask(
  session: Session,
  taskId: number,
  options: WaitOptions = {},
): Promise<{ task: Task; results: Result[] }> {
  const first = await session.call((api) => api.tasks.get({ params: { id: taskId } }));
  const socket = await subscribe(session, first.collaboration_id).catch(() => undefined);
  const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : Infinity;
  try {
    for (;;) {
      const task = await session.call((api) => api.tasks.get({ params: { id: taskId } }));
      const results = await session.call((api) => api.tasks.results({ params: { id: taskId } }));
      options.onProgress?.(task, results);
      if (task.complete) return { task, results };
      if (Date.now() > deadline)
        throw new Error(`task ${taskId} not complete after ${options.timeoutMs} ms`);
      await nextChange(socket, taskId, Math.min(options.pollMs ?? 2000, deadline - Date.now()));
    }
  } finally {
    socket?.close();
  }
}

/** Resolves on the next event about this task, or after `ms`. */
function nextChange(socket: TasksSocket | undefined, taskId: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket?.off('run_status', onRun);
      socket?.off('task_status', onTask);
      resolve();
    };
    const onRun = (e: { task_id: number }) => e.task_id === taskId && done();
    const onTask = (e: { task_id: number }) => e.task_id === taskId && done();
    const timer = setTimeout(done, Math.max(0, ms));
    socket?.on('run_status', onRun);
    socket?.on('task_status', onTask);
  });
}
