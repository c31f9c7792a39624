import type { TokenPair } from '@federa/contract';

/** A logged-in user's tokens, kept in localStorage so every tab shares (and rotates) them. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch milliseconds when the access token stops working */
  expiresAt: number;
  username: string;
}

export const SESSION_KEY = 'federa.session';
/** Refresh an access token this long before it expires. */
export const REFRESH_MARGIN_MS = 15_000;

type Listener = () => void;
type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    const valid =
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.expiresAt === 'number' &&
      typeof value.username === 'string';
    return valid ? (value as Session) : null;
  } catch {
    return null;
  }
}

/** The session in storage, with change notification (also for changes made by other tabs). */
export class SessionStore {
  private readonly listeners = new Set<Listener>();
  private cachedRaw: string | null = null;
  private cached: Session | null = null;
  /** Why the last session ended in this tab: it expired, or the user logged out. */
  ended: 'expired' | 'logout' | null = null;

  constructor(private readonly storage: KeyValueStorage | undefined) {}

  read(): Session | null {
    const raw = this.storage?.getItem(SESSION_KEY) ?? null;
    if (raw !== this.cachedRaw) {
      this.cachedRaw = raw;
      this.cached = parse(raw);
    }
    return this.cached;
  }

  write(session: Session): void {
    this.ended = null;
    this.storage?.setItem(SESSION_KEY, JSON.stringify(session));
    this.notify();
  }

  clear(reason: 'expired' | 'logout' = 'logout'): void {
    this.ended = reason;
    this.storage?.removeItem(SESSION_KEY);
    this.notify();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Call when another tab changed the storage (the `storage` event). */
  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export function sessionFromTokens(pair: TokenPair, username: string, now = Date.now()): Session {
  return {
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: now + pair.expires_in * 1000,
    username,
  };
}

export const needsRefresh = (session: Session, now = Date.now()): boolean =>
  session.expiresAt - now < REFRESH_MARGIN_MS;

/** Trades a refresh token for a new pair; 'invalid' when the server refuses it. */
export type RefreshCall = (refreshToken: string) => Promise<TokenPair | 'invalid'>;
/** Runs `task` while no other tab refreshes (Web Locks), or directly where there are none. */
export type Lock = <T>(task: () => Promise<T>) => Promise<T>;

export const browserLock: Lock = (task) => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('federa.session.refresh', task) as Promise<Awaited<ReturnType<typeof task>>>) : task();
};

/**
 * Rotating refresh tokens may be used once: the server revokes the whole session when a used
 * one comes back. So refreshes are serialized (in this tab by one pending promise, across tabs
 * by a lock) and a caller whose token another refresh already replaced takes the new one.
 */
export class Refresher {
  private pending: Promise<Session | null> | undefined;

  constructor(
    private readonly store: SessionStore,
    private readonly call: RefreshCall,
    private readonly lock: Lock = browserLock,
    private readonly now: () => number = Date.now,
  ) {}

  /** A session whose access token is good for a while, or null when the session is over. */
  async fresh(): Promise<Session | null> {
    const session = this.store.read();
    if (!session) return null;
    return needsRefresh(session, this.now()) ? this.refresh(session) : session;
  }

  /** Replaces `stale` (a session whose access token was refused or is about to expire). */
  refresh(stale: Session): Promise<Session | null> {
    this.pending ??= this.lock(() => this.rotate(stale)).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async rotate(stale: Session): Promise<Session | null> {
    const current = this.store.read();
    if (!current) return null;
    if (current.refreshToken !== stale.refreshToken && !needsRefresh(current, this.now())) {
      return current; // another tab (or an earlier call) rotated it already
    }
    const pair = await this.call(current.refreshToken);
    if (pair === 'invalid') {
      this.store.clear('expired');
      return null;
    }
    const next = sessionFromTokens(pair, current.username, this.now());
    this.store.write(next);
    return next;
  }
}
