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
 * socket.io reconnects by itself after network trouble; after a server-side disconnect (our
 * token expired) we renew the token and reconnect ourselves.
 */
export class NodeSocket {
  private socket: TasksSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private serverDisconnects = 0;
  private stopped = false;

  constructor(private readonly options: NodeSocketOptions) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  start(): void {
    const o = this.options;
    // websocket only: no sticky sessions needed behind a load balancer with several servers.
    const socket: TasksSocket = io(`${o.serverUrl}${TASKS_NAMESPACE}`, {
      auth: (cb) => cb({ token: o.token() ?? '' }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;

    socket.on('connect', () => {
      o.log.info('connected to the server socket');
      this.sendHeartbeat();
      o.onConnect();
    });
    socket.on('disconnect', (reason) => {
      if (this.stopped) return;
      o.log.warn({ reason }, 'socket disconnected');
      // socket.io reconnects by itself except after the server closed the connection.
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    socket.on('connect_error', (error) => o.log.debug({ err: error }, 'socket connect failed; retrying'));
    socket.on('token_expired', () => o.log.info('server says the socket token expired'));
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

    this.heartbeat = setInterval(() => this.sendHeartbeat(), o.heartbeatMs);
    this.heartbeat.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.reconnectTimer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
  }

  private sendHeartbeat(): void {
    if (!this.socket?.connected) return;
    this.socket.emit('heartbeat', { run_ids: this.options.runIds() }, (result) => {
      // The server accepts us: a later server-side disconnect starts its back-off afresh.
      if (result.ok) this.serverDisconnects = 0;
    });
  }

  /** Renew the token, then reconnect; back off if the server keeps closing on us. */
  private reconnectLater(): void {
    const delay = Math.min(30_000, 500 * 2 ** Math.min(this.serverDisconnects++, 6));
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.stopped) return;
      this.options
        .renew()
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'token renewal failed'))
        .finally(() => {
          if (!this.stopped) this.socket?.connect();
        });
    }, delay);
    this.reconnectTimer.unref();
  }
}
