import { type ApiClient, createApiClient, FederaApiError, ok } from '@federa/client';
import { Refresher, type Session, type SessionStore, sessionFromTokens } from './session';

type OkBody<R extends { status: number; body: unknown }> = ReturnType<typeof ok<R>>;

/** Thrown when a request needs a session and there is none (any more). */
export class NoSessionError extends Error {
  constructor(readonly expired: boolean) {
    super(expired ? 'your session has expired' : 'not logged in');
    this.name = 'NoSessionError';
  }
}

export type LoginOutcome =
  | { ok: true; session: Session }
  | { ok: false; reason: 'invalid' | 'locked' | 'other'; message: string };

export interface Api {
  /** The typed contract client, already carrying the current access token. */
  readonly client: ApiClient;
  readonly store: SessionStore;
  readonly baseUrl: string;
  /**
   * Runs one contract call with a fresh access token: refreshes it first when it is about to
   * expire, and once more (then retries) when the server answers 401. Returns the 2xx body or
   * throws FederaApiError. A session that cannot be renewed is cleared (as 'expired') and the
   * call throws NoSessionError.
   */
  call<R extends { status: number; body: unknown }>(
    request: (client: ApiClient) => Promise<R>,
  ): Promise<OkBody<R>>;
  /** An access token good for a while (for the socket handshake), or undefined. */
  freshToken(): Promise<string | undefined>;
  /** Renews the session after the server refused its access token; false when it is over. */
  renew(): Promise<boolean>;
  login(username: string, password: string): Promise<LoginOutcome>;
  logout(): Promise<void>;
}

export function createApi(options: { baseUrl: string; store: SessionStore }): Api {
  const { baseUrl, store } = options;
  const client = createApiClient({ baseUrl, token: () => store.read()?.accessToken });
  const anonymous = createApiClient({ baseUrl });
  const refresher = new Refresher(store, async (refresh_token) => {
    const response = await anonymous.token.refresh({ body: { refresh_token } });
    return response.status === 200 ? response.body : 'invalid';
  });

  const expire = (): never => {
    if (store.read()) store.clear('expired');
    throw new NoSessionError(true);
  };

  return {
    client,
    store,
    baseUrl,
    async call(request) {
      if (!store.read()) throw new NoSessionError(false);
      const session = await refresher.fresh();
      if (!session) return expire();
      let response = await request(client);
      if (response.status === 401) {
        const renewed = await refresher.refresh(session);
        if (!renewed) return expire();
        response = await request(client);
        if (response.status === 401) return expire();
      }
      return ok(response);
    },
    async freshToken() {
      return (await refresher.fresh())?.accessToken;
    },
    async renew() {
      const session = store.read();
      if (!session) return false;
      return (await refresher.refresh(session)) !== null;
    },
    async login(username, password) {
      const response = await anonymous.token.user({ body: { username, password } });
      if (response.status === 200) {
        const session = sessionFromTokens(response.body, username);
        store.write(session);
        return { ok: true, session };
      }
      const error = new FederaApiError(response.status, response.body);
      if (response.status === 423) return { ok: false, reason: 'locked', message: error.body.message };
      if (response.status === 400 && error.body.error === 'invalid_credentials') {
        return { ok: false, reason: 'invalid', message: 'Wrong username or password.' };
      }
      return { ok: false, reason: 'other', message: error.body.message };
    },
    async logout() {
      const session = store.read();
      store.clear();
      if (!session) return;
      // Best effort: the local session is gone either way.
      await anonymous.token
        .revoke({ body: { refresh_token: session.refreshToken } })
        .catch(() => undefined);
    },
  };
}
