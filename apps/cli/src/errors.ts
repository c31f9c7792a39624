import { CommanderError } from 'commander';
import { FederaApiError } from '@federa/client';
import type { ApiError } from '@federa/contract';

/** What `federa` exits with; documented in `federa --help` and the README. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  unreachable: 5,
  taskFailed: 6,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  any other error (permission denied, conflict, server error)
  2  bad usage: a wrong option or argument, or input the server rejected as invalid
  3  wrong credentials, not logged in, or session expired (run \`federa login\`)
  4  unknown id or name (the server's message says which)
  5  the server cannot be reached
  6  the task did not complete successfully (task create --wait)`;

/**
 * The body printed on stderr with --json: the server's error body when the server answered,
 * else the same shape with statusCode 0 and a CLI code (usage, unreachable, task_failed, ...).
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: ApiError['issues'];
}

/** An error the CLI itself decides on, with the exit code and body to report. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) =>
  new CliError(EXIT.usage, { statusCode: 0, error: 'usage', message });

export const notLoggedIn = (server: string) =>
  new CliError(EXIT.auth, {
    statusCode: 0,
    error: 'not_logged_in',
    message: `not logged in to ${server}; run \`federa login\``,
  });

export const unreachable = (server: string, detail?: string) =>
  new CliError(EXIT.unreachable, {
    statusCode: 0,
    error: 'unreachable',
    message: `cannot reach ${server} — is the server running?${detail ? ` (${detail})` : ''}`,
  });

/** A failed request that never got an answer: connection refused, unknown host, reset. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Why a request got no answer at all, or undefined when it is some other error. */
function networkFailure(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (e instanceof AggregateError) {
      const inner = e.errors.map(networkFailure).find(Boolean);
      if (inner) return inner;
    }
    e = (e as { cause?: unknown }).cause;
  }
  // fetch's own refusals (a blocked port, a TLS failure): still no answer from the server
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : 'fetch failed';
  }
  return undefined;
}

export interface Reported {
  exitCode: ExitCode;
  body: ErrorBody;
  /** the line for a human: the message plus a hint of what to do */
  text: string;
}

/** Turns anything thrown into an exit code, a JSON body and a human message. */
export function report(error: unknown, server: string): Reported {
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, body: error.body, text: error.body.message };
  }
  if (error instanceof FederaApiError) return reportApiError(error);
  if (error instanceof CommanderError) {
    const message = error.message.replace(/^error: /, '');
    return {
      exitCode: EXIT.usage,
      body: { statusCode: 0, error: 'usage', message },
      text: message,
    };
  }
  const why = networkFailure(error);
  if (why) {
    const { body, exitCode } = unreachable(server, why);
    return { exitCode, body, text: body.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT.error,
    body: { statusCode: 0, error: 'internal', message },
    text: message,
  };
}

function reportApiError(error: FederaApiError): Reported {
  const body = error.body;
  const details = (body.issues ?? []).map((i) => `\n  ${i.path}: ${i.message}`).join('');
  switch (body.error) {
    case 'invalid_credentials':
    case 'account_locked':
      return { exitCode: EXIT.auth, body, text: body.message };
    case 'unauthorized':
    case 'token_expired':
      return { exitCode: EXIT.auth, body, text: `${body.message}; run \`federa login\`` };
    case 'not_found':
      return { exitCode: EXIT.notFound, body, text: body.message };
    case 'bad_request':
    case 'validation_failed':
      return { exitCode: EXIT.usage, body, text: `${body.message}${details}` };
    case 'forbidden':
    case 'conflict':
    case 'payload_too_large':
    case 'internal':
      return { exitCode: EXIT.error, body, text: `${body.message}${details}` };
  }
}
