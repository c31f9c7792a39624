import { Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  type ClientToServerEvents,
  HeartbeatSchema,
  JoinRoomSchema,
  type JoinResult,
  type ServerToClientEvents,
  TASKS_NAMESPACE,
  rooms,
} from '@federa/contract';
import type { Caller } from '../auth/caller';
import { CallerResolver } from '../auth/caller.resolver';
import { AppError } from '../common/app-error';
import { NodePresenceService } from '../nodes/node-presence.service';
import { RealtimeService } from './realtime.service';
import { RoomAccess } from './room-access';

interface SocketData {
  caller: Caller;
}
type TasksSocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

/** The largest delay setTimeout accepts; longer tokens are re-checked on reconnect anyway. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function bearer(socket: TasksSocket): string | undefined {
  const auth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof auth === 'string') return auth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

/**
 * The `/tasks` namespace: researchers join collaboration rooms to hear about runs; nodes are
 * placed in their own room to hear about new runs and kills. Every connection is authenticated.
 */
@WebSocketGateway({ namespace: TASKS_NAMESPACE, cors: { origin: true, credentials: true } })
export class TasksGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('realtime');

  constructor(
    private readonly resolver: CallerResolver,
    private readonly realtime: RealtimeService,
    private readonly presence: NodePresenceService,
    private readonly roomAccess: RoomAccess,
  ) {}

  afterInit(namespace: Namespace<ClientToServerEvents, ServerToClientEvents>): void {
    this.realtime.attach(namespace);
    // Authenticate in middleware, before the connection exists, so no event is ever handled
    // for an unauthenticated socket. A refused client gets `connect_error` with the reason.
    namespace.use((socket, next) => {
      this.authenticate(socket as TasksSocket).then(
        () => next(),
        (error: unknown) => {
          const code = error instanceof AppError ? error.code : 'unauthorized';
          const message = error instanceof AppError ? error.message : 'authentication failed';
          next(Object.assign(new Error(message), { data: { code } }));
        },
      );
    });
  }

  async handleConnection(socket: TasksSocket): Promise<void> {
    const caller = socket.data.caller;
    if (caller.kind === 'node') await this.presence.seen(caller.id);
  }

  private async authenticate(socket: TasksSocket): Promise<void> {
    const token = bearer(socket);
    if (!token) throw new AppError('unauthorized', 'no bearer token');
    const { caller, expiresAt } = await this.resolver.resolveWithExpiry(token);
    socket.data.caller = caller;
    if (caller.kind === 'node') {
      // Joined before the connection completes, so no event for the node can slip by.
      await socket.join([
        rooms.node(caller.id),
        rooms.organization(caller.collaborationId, caller.organizationId),
      ]);
    }
    // A token that expires while connected ends the connection; the client reconnects with a
    // fresh token and re-syncs.
    const expiry = setTimeout(
      () => {
        socket.emit('token_expired');
        socket.disconnect(true);
      },
      Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
    );
    // Kept out of socket.data: the Redis adapter serializes that across instances.
    socket.once('disconnect', () => clearTimeout(expiry));
  }

  async handleDisconnect(socket: TasksSocket): Promise<void> {
    const caller = socket.data.caller as Caller | undefined;
    if (caller?.kind !== 'node') return;
    try {
      // A node may hold several connections (or reconnect to another instance): only when its
      // room is empty everywhere is it offline. If the question cannot be answered (instances
      // shutting down), the heartbeat sweep settles it later.
      const left = await socket.nsp.in(rooms.node(caller.id)).fetchSockets();
      if (!left.length) await this.presence.offline(caller.id);
    } catch (error) {
      this.logger.warn(`presence of node ${caller.id} left to the sweep: ${String(error)}`);
    }
  }

  @SubscribeMessage('join_room')
  async joinRoom(socket: TasksSocket, room: unknown): Promise<JoinResult> {
    const parsed = JoinRoomSchema.safeParse(room);
    const name = parsed.success ? parsed.data : String(room);
    const refusal = parsed.success
      ? await this.roomAccess.refusal(socket.data.caller, name)
      : 'room must be a string';
    if (refusal) {
      socket.emit('room_error', { room: name, error: refusal });
      return { ok: false, room: name, error: refusal };
    }
    await socket.join(name);
    return { ok: true, room: name };
  }

  @SubscribeMessage('leave_room')
  async leaveRoom(socket: TasksSocket, room: unknown): Promise<JoinResult> {
    const name = String(room);
    await socket.leave(name);
    return { ok: true, room: name };
  }

  @SubscribeMessage('heartbeat')
  async heartbeat(socket: TasksSocket, beat: unknown): Promise<{ ok: boolean }> {
    const caller = socket.data.caller;
    if (caller.kind !== 'node' || !HeartbeatSchema.safeParse(beat).success) return { ok: false };
    await this.presence.seen(caller.id).catch((error: unknown) => this.logger.warn(error));
    return { ok: true };
  }
}
