import { createApiClient, ok, type ApiClient } from '@federa/client';
import type { NodeToken, TokenPair } from '@federa/contract';
import type { Logger } from '../logger';

/** Refresh this long before the access token expires (a quarter of its life when shorter). */
const REFRESH_MARGIN_S = 60;

/**
 * The node's identity on the server: logs in with the API key, keeps the access token fresh
 * (refresh ahead of expiry, and once more on a 401), and falls back to a new login when the
 * refresh token is gone (expired, or revoked because a rotated one was reused).
 */
export class ServerSession {
  readonly api: ApiClient;
  /**
   * For the token routes: the server rejects any request that carries an expired bearer, so
   * refreshing (which happens exactly when it has expired) must not send one.
   */
  private readonly anonymous: ApiClient;
  private access: string | undefined;
  private refresh: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private closed = false;
  nodeId = 0;
  /** Called after every new access token (the socket reconnects with it). */
  onRenewed: (() => void) | undefined;

  constructor(
    readonly serverUrl: string,
    private readonly apiKey: string,
    private readonly log: Logger,
  ) {
    this.api = createApiClient({ baseUrl: serverUrl, token: () => this.access });
    this.anonymous = createApiClient({ baseUrl: serverUrl });
  }

  get accessToken(): string | undefined {
    return this.access;
  }

  async login(): Promise<void> {
    const token: NodeToken = ok(
      await this.anonymous.token.node({ body: { api_key: this.apiKey } }),
    );
    const id = /\/node\/(\d+)$/.exec(token.node_url)?.[1];
    if (!id) throw new Error(`the server sent an unexpected node_url: ${token.node_url}`);
    this.nodeId = Number(id);
    this.store(token);
  }

  /** Gets a fresh access token; concurrent callers share one refresh. */
  renew(): Promise<void> {
    this.renewing ??= this.doRenew().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /**
   * Calls the server with the node's token. A 401 (expired or revoked token) renews the
   * session once and repeats the call, so callers never see a token expire.
   */
  async call<R extends { status: number }>(request: (api: ApiClient) => Promise<R>): Promise<R> {
    const response = await request(this.api);
    if (response.status !== 401 || this.closed) return response;
    await this.renew();
    return request(this.api);
  }

  /** Logs out: the refresh token is revoked so it cannot be used after the node stops. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const refresh = this.refresh;
    this.refresh = undefined;
    if (!refresh) return;
    try {
      await this.anonymous.token.revoke({ body: { refresh_token: refresh } });
    } catch (error) {
      this.log.debug({ err: error }, 'could not revoke the refresh token');
    }
  }

  private async doRenew(): Promise<void> {
    if (this.refresh) {
      // A network error propagates: a login would fail the same way; the caller retries.
      const response = await this.anonymous.token.refresh({
        body: { refresh_token: this.refresh },
      });
      if (response.status === 200) {
        this.store(response.body);
        return;
      }
      this.log.info(
        { status: response.status },
        'refresh refused; logging in again with the API key',
      );
    }
    await this.login();
  }

  private store(pair: TokenPair): void {
    const renewed = this.access !== undefined;
    this.access = pair.access_token;
    this.refresh = pair.refresh_token;
    if (renewed) this.onRenewed?.();
    clearTimeout(this.timer);
    if (this.closed) return;
    // JWT expiry has whole-second precision: keep at least 1.5 s in hand for short lifetimes.
    const margin = Math.min(REFRESH_MARGIN_S, Math.max(1.5, pair.expires_in * 0.25));
    const inSeconds = Math.max(1, pair.expires_in - margin);
    this.timer = setTimeout(() => {
      this.renew().catch((error: unknown) => {
        // The next request's 401 will renew again; nothing is lost meanwhile.
        this.log.warn({ err: error }, 'token refresh failed');
      });
    }, inSeconds * 1000);
    this.timer.unref();
  }
}
