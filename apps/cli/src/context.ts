import type { Command } from 'commander';
import { Session, type SessionTokens } from '@federa/client';
import { configPath, readConfig, updateConfig } from './config-file';
import { notLoggedIn, report, usageError } from './errors';
import { Output } from './output';

export const DEFAULT_SERVER = 'http://localhost:7601';

/** The options every command accepts (declared on the program). */
export interface GlobalOptions {
  json?: boolean;
  server?: string;
}

/** A server origin as the client wants it: no trailing slash, no /api (the contract adds it). */
export function normalizeServer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`not a URL: "${value}" (expected e.g. ${DEFAULT_SERVER})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`not an http(s) URL: "${value}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api$/, '')}`;
}

/** What one command run knows: where the server is, where tokens live, how to print. */
export class Context {
  readonly out: Output;
  readonly configFile: string;
  private resolvedServer: string | undefined;

  constructor(
    private readonly options: GlobalOptions,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.out = new Output(Boolean(options.json));
    this.configFile = configPath(env);
  }

  /** --server, else $FEDERA_SERVER, else the server of the last login, else localhost. */
  get server(): string {
    this.resolvedServer ??= normalizeServer(
      this.options.server ??
        this.env.FEDERA_SERVER ??
        readConfig(this.configFile).server ??
        DEFAULT_SERVER,
    );
    return this.resolvedServer;
  }

  /** The stored session for this server; exit 3 when there is none. */
  session(): Session {
    const stored = readConfig(this.configFile).sessions[this.server];
    if (!stored) throw notLoggedIn(this.server);
    const { username, ...tokens } = stored;
    return this.newSession(username, tokens);
  }

  /** A session whose every new token pair (login, rotation) is written to the config file. */
  newSession(username: string, tokens?: SessionTokens): Session {
    const server = this.server;
    return new Session({
      baseUrl: server,
      tokens,
      onTokens: (next) =>
        updateConfig(this.configFile, (config) => {
          if (next) config.sessions[server] = { username, ...next };
          else delete config.sessions[server];
        }),
    });
  }

  /** Reports an error (stderr: text, or the JSON error body) and sets the exit code. */
  fail(error: unknown): void {
    let server: string;
    try {
      server = this.server;
    } catch {
      server = this.options.server ?? this.env.FEDERA_SERVER ?? DEFAULT_SERVER;
    }
    const reported = report(error, server);
    if (this.out.json) this.out.note(JSON.stringify(reported.body));
    else this.out.note(`federa: ${reported.text}`);
    process.exitCode = reported.exitCode;
  }
}

/**
 * Wraps a command's handler: builds its Context from the global options and turns whatever
 * it throws into a message and an exit code. Handlers get their options and operands.
 */
export function action<O extends object = Record<string, never>>(
  handler: (ctx: Context, options: O, args: string[]) => Promise<void>,
) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const ctx = new Context(command.optsWithGlobals<GlobalOptions>());
    try {
      await handler(ctx, command.opts() as O, command.args);
    } catch (error) {
      ctx.fail(error);
    }
  };
}
