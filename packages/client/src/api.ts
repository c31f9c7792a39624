import { initClient, tsRestFetchApi } from '@ts-rest/core';
import { contract, type ApiError, ErrorSchema } from '@federa/contract';

export interface ApiClientOptions {
  /** Server origin, e.g. http://localhost:7601 (the contract adds the /api prefix). */
  baseUrl: string;
  /** Returns the bearer token to send, read on every request so refreshed tokens apply. */
  token?: () => string | undefined;
}

export function createApiClient(options: ApiClientOptions) {
  return initClient(contract, {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    baseHeaders: {},
    validateResponse: true,
    api: async (args) => {
      const token = options.token?.();
      const headers = token ? { ...args.headers, authorization: `Bearer ${token}` } : args.headers;
      return tsRestFetchApi({ ...args, headers });
    },
  });
}
export type ApiClient = ReturnType<typeof createApiClient>;

/** Thrown by `ok()` for any non-2xx answer; carries the server's error body. */
export class FederaApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(`${status} ${body.error}: ${body.message}`);
    this.name = 'FederaApiError';
  }
}

/** Unwraps a ts-rest response: the body of a 2xx, or a FederaApiError. */
export function ok<R extends { status: number; body: unknown }>(
  response: R,
): Extract<R, { status: 200 | 201 | 204 }>['body'] {
  if (response.status >= 200 && response.status < 300) {
    return response.body as Extract<R, { status: 200 | 201 | 204 }>['body'];
  }
  const parsed = ErrorSchema.safeParse(response.body);
  const body: ApiError = parsed.success
    ? parsed.data
    : { statusCode: response.status, error: 'internal', message: JSON.stringify(response.body) };
  throw new FederaApiError(response.status, body);
}
