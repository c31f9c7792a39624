import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CLI = path.resolve(__dirname, '../../dist/cli.js');

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** resolves when the stream's output so far matches (the process keeps running) */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', ms?: number): Promise<RegExpMatchArray>;
  done: Promise<CliResult>;
}

/**
 * A terminal user of `federa`: the built CLI run as a child process, with its own config
 * file (FEDERA_CONFIG) in a temp dir and the test server as FEDERA_SERVER.
 */
export class CliUser {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federa-cli-user-'));
  readonly configFile: string;

  constructor(
    readonly server: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.configFile = path.join(this.dir, 'federa', 'config.json');
  }

  spawn(
    args: string[],
    options: {
      stdin?: string | 'keep-open';
      env?: Record<string, string>;
      terminal?: boolean;
    } = {},
  ): RunningCli {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FEDERA_CONFIG: this.configFile,
      FEDERA_SERVER: this.server,
      ...this.env,
      ...options.env,
    };
    delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is for the in-process server
    const command = [process.execPath, CLI, ...args];
    // util-linux `script` runs the CLI on a pseudo-terminal (stdout and stderr both go to it)
    const child = options.terminal
      ? spawn('script', ['-qec', command.map(shellQuote).join(' '), '/dev/null'], {
          env,
          cwd: this.dir,
        })
      : spawn(command[0]!, command.slice(1), { env, cwd: this.dir });
    const output = { stdout: '', stderr: '' };
    const watchers: (() => void)[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].setEncoding('utf8').on('data', (chunk: string) => {
        output[stream] += chunk;
        watchers.forEach((w) => w());
      });
    }
    if (options.stdin !== 'keep-open') child.stdin.end(options.stdin ?? '');
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, ...output }));
    });
    const waitFor = (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout', ms = 20_000) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const failure = (why: string) =>
          new Error(`${why} ${pattern} on ${stream}:\n${output.stdout}\nstderr: ${output.stderr}`);
        const timer = setTimeout(() => reject(failure('no')), ms);
        const check = () => {
          const match = pattern.exec(output[stream]);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
          return match;
        };
        watchers.push(check);
        void done.then(() => {
          clearTimeout(timer);
          if (!check()) reject(failure('exited without'));
        });
        check();
      });
    return { child, waitFor, done };
  }

  run(...args: string[]): Promise<CliResult> {
    return this.spawn(args).done;
  }

  runWithStdin(stdin: string, ...args: string[]): Promise<CliResult> {
    return this.spawn(args, { stdin }).done;
  }

  /** Runs with --json and parses stdout; fails the test on a non-zero exit. */
  async json<T = unknown>(...args: string[]): Promise<T> {
    const result = await this.run('--json', ...args);
    if (result.code !== 0) {
      throw new Error(`federa ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as T;
  }

  async login(username: string, password: string): Promise<CliResult> {
    const result = await this.runWithStdin(
      `${password}\n`,
      'login',
      '--username',
      username,
      '--password-stdin',
    );
    if (result.code !== 0) throw new Error(`login as ${username} failed: ${result.stderr}`);
    return result;
  }

  readConfig(): {
    server?: string;
    sessions: Record<
      string,
      { refresh_token: string; expires_at: number; access_token: string; username: string }
    >;
  } {
    return JSON.parse(fs.readFileSync(this.configFile, 'utf8')) as ReturnType<
      CliUser['readConfig']
    >;
  }

  writeConfig(config: ReturnType<CliUser['readConfig']>): void {
    fs.writeFileSync(this.configFile, JSON.stringify(config), { mode: 0o600 });
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
