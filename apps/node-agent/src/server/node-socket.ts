import {
  type ClientToServerEvents,
  KillTaskEventSchema,
  type KillTaskEvent,
  NewTaskEventSchema,
  type NewTaskEvent,
  type ServerToClientEvents,
  TASKS_NAMESPACE,
} from '@federa/contract';
import { io, type Socket } from 'socket.io-client';
import type { Logger } from '../logger';

type TasksSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface NodeSocketOptions {
  serverUrl: string;
  /** The current access token, read on every (re)connect. */
  token: () => string | undefined;
  /** Gets a fresh access token (after the server said ours expired). */
  renew: () => Promise<void>;
  /** Runs on every (re)connect: a sync, so events missed while offline are not lost. */
  onConnect: () => void;
  onNewTask: (event: NewTaskEvent) => void;
  onKillTask: (event: KillTaskEvent) => void;
  /** The runs executing now, sent with each heartbeat. */
  runIds: () => number[];
  heartbeatMs: number;
  log: Logger;
}

/**
 * The node's socket.io connection to `/tasks`: the server puts it in `node_<id>` and sends
 * `new_task` / `kill_task` there; the node sends a heartbeat with its running runs.
 *
 * The server closes a connection when the token it was opened with expires. So after each
 * token refresh (ahead of expiry) the node opens a new connection with the new token and
 * closes the old one only once the new one is up: the node never looks offline. socket.io
 * reconnects by itself after network trouble; after a server-side close we renew and
 * reconnect ourselves (at once after a token expiry, with back-off otherwise).
 */
export class NodeSocket {
  private socket: TasksSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private refusals = 0;
  private stopped = false;

  constructor(private readonly options: NodeSocketOptions) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  start(): void {
    this.socket = this.open(true);
    this.heartbeat = setInterval(() => this.sendHeartbeat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Make-before-break: a new connection with the current token replaces the old one. */
  rotate(): void {
    if (this.stopped || !this.socket) return;
    const old = this.socket;
    const next = this.open(false);
    this.socket = next;
    next.once('connect', () => this.close(old));
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.reconnectTimer);
    if (this.socket) this.close(this.socket);
    this.socket = undefined;
  }

  private open(syncOnFirstConnect: boolean): TasksSocket {
    const o = this.options;
    const socket: TasksSocket = io(`${o.serverUrl}${TASKS_NAMESPACE}`, {
      auth: (cb) => cb({ token: o.token() ?? '' }),
      // websocket only: no sticky sessions needed behind a load balancer with several servers.
      transports: ['websocket'],
      // its own connection, not multiplexed with the one it replaces
      forceNew: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
    });
    let tokenExpired = false;
    let connects = 0;
    const current = () => socket === this.socket && !this.stopped;

    socket.on('connect', () => {
      tokenExpired = false;
      if (connects++ === 0 && !syncOnFirstConnect) return; // a rotation: nothing was missed
      o.log.info('connected to the server socket');
      this.sendHeartbeat();
      o.onConnect();
    });
    socket.on('disconnect', (reason) => {
      if (!current()) return;
      o.log.warn({ reason }, 'socket disconnected');
      // socket.io reconnects by itself, except after the server closed the connection.
      if (reason === 'io server disconnect') this.reconnectLater(socket, tokenExpired);
    });
    socket.on('connect_error', (error) =>
      o.log.debug({ err: error }, 'socket connect failed; retrying'),
    );
    socket.on('token_expired', () => {
      tokenExpired = true;
    });
    // Events may arrive on both connections while one replaces the other: the scheduler
    // ignores a run it already knows.
    socket.on('new_task', (payload: unknown) => {
      const event = NewTaskEventSchema.safeParse(payload);
      if (event.success) o.onNewTask(event.data);
      else o.log.warn({ issues: event.error.issues }, 'ignoring a malformed new_task event');
    });
    socket.on('kill_task', (payload: unknown) => {
      const event = KillTaskEventSchema.safeParse(payload);
      if (event.success) o.onKillTask(event.data);
      else o.log.warn({ issues: event.error.issues }, 'ignoring a malformed kill_task event');
    });
    return socket;
  }

  private close(socket: TasksSocket): void {
    socket.removeAllListeners();
    socket.disconnect();
  }

  private sendHeartbeat(): void {
    if (!this.socket?.connected) return;
    this.socket.emit('heartbeat', { run_ids: this.options.runIds() }, (result) => {
      // The server accepts us: a later refusal starts its back-off afresh.
      if (result.ok) this.refusals = 0;
    });
  }

  /** Renew the token, then reconnect: at once after an expiry, with back-off after a refusal. */
  private reconnectLater(socket: TasksSocket, tokenExpired: boolean): void {
    const delay = tokenExpired ? 0 : Math.min(30_000, 500 * 2 ** Math.min(this.refusals++, 6));
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.options
        .renew()
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'token renewal failed'))
        .finally(() => {
          if (!this.stopped && socket === this.socket) socket.connect();
        });
    }, delay);
    this.reconnectTimer.unref();
  }
}
