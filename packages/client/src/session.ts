import type { TokenPair } from '@federa/contract';
import { type ApiClient, createApiClient, ok } from './api';

export interface SessionTokens {
  access_token: string;
  refresh_token: string;
  /** when the access token expires, ms since the epoch */
  expires_at: number;
}

export interface SessionOptions {
  baseUrl: string;
  tokens?: SessionTokens;
  /** called whenever tokens change (login, refresh), e.g. to persist them */
  onTokens?: (tokens: SessionTokens | undefined) => void;
}

/** Refresh this long before expiry, so a request never leaves with a token about to die. */
const REFRESH_MARGIN_MS = 30_000;

const withExpiry = (pair: TokenPair): SessionTokens => ({
  access_token: pair.access_token,
  refresh_token: pair.refresh_token,
  expires_at: Date.now() + pair.expires_in * 1000,
});

/**
 * A logged-in user: an API client whose access token is refreshed before it expires (refresh
 * tokens rotate, so the newest one is kept and reported through `onTokens`).
 */
export class Session {
  readonly api: ApiClient;
  /** For the token routes: an expired bearer token must not ride along on a refresh. */
  private readonly anonymous: ApiClient;
  private tokens: SessionTokens | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly options: SessionOptions) {
    this.tokens = options.tokens;
    this.api = createApiClient({
      baseUrl: options.baseUrl,
      token: () => this.tokens?.access_token,
    });
    this.anonymous = createApiClient({ baseUrl: options.baseUrl });
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  get loggedIn(): boolean {
    return this.tokens !== undefined;
  }

  async login(username: string, password: string): Promise<void> {
    this.set(withExpiry(ok(await this.anonymous.token.user({ body: { username, password } }))));
  }

  async logout(): Promise<void> {
    const refresh = this.tokens?.refresh_token;
    this.set(undefined);
    if (refresh) ok(await this.anonymous.token.revoke({ body: { refresh_token: refresh } }));
  }

  /** A valid access token, refreshing first when it is about to expire. */
  async accessToken(): Promise<string> {
    if (!this.tokens) throw new Error('not logged in');
    if (this.tokens.expires_at - Date.now() < REFRESH_MARGIN_MS) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.tokens.access_token;
  }

  /** Runs an API call with a fresh token and unwraps it (see `ok`). */
  async call<R extends { status: number; body: unknown }>(request: (api: ApiClient) => Promise<R>) {
    await this.accessToken();
    return ok(await request(this.api));
  }

  private async refresh(): Promise<void> {
    const refresh_token = this.tokens?.refresh_token;
    if (!refresh_token) throw new Error('not logged in');
    const response = await this.anonymous.token.refresh({ body: { refresh_token } });
    if (response.status !== 200) {
      this.set(undefined);
      ok(response);
    }
    this.set(withExpiry(response.body as TokenPair));
  }

  private set(tokens: SessionTokens | undefined): void {
    this.tokens = tokens;
    this.options.onTokens?.(tokens);
  }
}
