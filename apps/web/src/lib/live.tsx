'use client';

import {
  type ClientToServerEvents,
  type ServerToClientEvents,
  TASKS_NAMESPACE,
} from '@federa/contract';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { io, type Socket } from 'socket.io-client';
import { useApi } from './api-provider';

type TasksSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Live {
  socket: TasksSocket | null;
  connected: boolean;
  /** how many times the socket has (re)connected; a change means events may have been missed */
  connections: number;
  joined: ReadonlySet<string>;
  /** Keeps the socket in these rooms until the returned function is called. */
  hold(rooms: string[]): () => void;
}

const LiveContext = createContext<Live | null>(null);
/** After this many refused handshakes in a row we stop renewing the token and wait. */
const MAX_AUTH_RETRIES = 3;

/**
 * One socket.io connection to the `/tasks` namespace for the logged-in user. The token goes in
 * `auth` (browsers cannot set headers on websockets) and is read afresh on every (re)connect;
 * rooms are re-joined after each reconnect, since the server forgets them.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [socket, setSocket] = useState<TasksSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const [connections, setConnections] = useState(0);
  const [joined, setJoined] = useState<ReadonlySet<string>>(new Set());
  const held = useRef(new Map<string, number>());

  const join = useCallback((s: TasksSocket, room: string) => {
    s.emit('join_room', room, (result) => {
      if (result.ok) setJoined((prev) => new Set(prev).add(room));
    });
  }, []);

  useEffect(() => {
    const s: TasksSocket = io(`${api.baseUrl}${TASKS_NAMESPACE}`, {
      autoConnect: false,
      auth: (cb) => {
        void api.freshToken().then((token) => cb({ token }));
      },
      reconnectionDelayMax: 10_000,
    });
    let authRetries = 0;
    /** After a refused handshake: a new token (even if ours looks fresh: clocks drift). */
    const renewAndConnect = () => {
      if (++authRetries > MAX_AUTH_RETRIES) return;
      void api.renew().then((renewed) => {
        if (renewed) s.connect();
      });
    };
    s.on('connect', () => {
      authRetries = 0;
      setConnected(true);
      setConnections((n) => n + 1);
      setJoined(new Set());
      for (const room of held.current.keys()) join(s, room);
    });
    s.on('disconnect', (reason) => {
      setConnected(false);
      setJoined(new Set());
      // The server ends a connection whose token expired (after `token_expired`); socket.io
      // does not reconnect by itself then. The `auth` callback refreshes the token first.
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (error) => {
      setConnected(false);
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      // A refused handshake is not retried by socket.io: renew the token and try again.
      if (code === 'token_expired' || code === 'unauthorized') renewAndConnect();
    });
    s.connect();
    setSocket(s);
    return () => {
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
      setConnected(false);
    };
  }, [api, join]);

  const hold = useCallback(
    (rooms: string[]) => {
      for (const room of rooms) {
        const count = held.current.get(room) ?? 0;
        held.current.set(room, count + 1);
        if (count === 0 && socket?.connected) join(socket, room);
      }
      return () => {
        for (const room of rooms) {
          const count = (held.current.get(room) ?? 1) - 1;
          if (count > 0) {
            held.current.set(room, count);
            continue;
          }
          held.current.delete(room);
          setJoined((prev) => {
            const next = new Set(prev);
            next.delete(room);
            return next;
          });
          if (socket?.connected) socket.emit('leave_room', room);
        }
      };
    },
    [socket, join],
  );

  const value = useMemo(
    () => ({ socket, connected, connections, joined, hold }),
    [socket, connected, connections, joined, hold],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside <LiveProvider>');
  return live;
}

/** Joins the collaboration rooms while mounted; true once every one is joined. */
export function useCollaborationRooms(collaborationIds: readonly number[]): boolean {
  const { hold, joined } = useLive();
  const key = [...new Set(collaborationIds)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    if (!key) return;
    return hold(key.split(',').map((id) => `collaboration_${id}`));
  }, [hold, key]);
  return key.split(',').every((id) => !id || joined.has(`collaboration_${id}`));
}

/** Subscribes to one server event while mounted; the latest handler is always used. */
export function useLiveEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const { socket } = useLive();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (ref.current as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args)) as never;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

/** Calls `resync` after every reconnect (events sent while disconnected were missed). */
export function useResync(resync: () => void): void {
  const { connections } = useLive();
  const first = useRef(connections);
  const ref = useRef(resync);
  ref.current = resync;
  useEffect(() => {
    if (connections > Math.max(first.current, 1)) ref.current();
  }, [connections]);
}
