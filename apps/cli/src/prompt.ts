import readline from 'node:readline';
import { CliError, EXIT, usageError } from './errors';

/** All of standard input, without the final line break (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const canPrompt = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** Asks for a line of text on the terminal (echoed). */
export async function promptLine(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await new Promise<string>((resolve) => rl.question(question, resolve))).trim();
  } finally {
    rl.close();
  }
}

/** The state of a hidden entry after some keys: the value so far, or how it ended. */
export type SecretState =
  | { kind: 'typing'; value: string }
  | { kind: 'done'; value: string }
  | { kind: 'cancelled' };

/** Applies typed (or pasted) characters to a hidden entry: Enter ends, Ctrl-C cancels. */
export function applyKeys(value: string, keys: string): SecretState {
  for (const key of keys) {
    if (key === '\r' || key === '\n' || key === '\u0004') return { kind: 'done', value };
    if (key === '\u0003') return { kind: 'cancelled' };
    if (key === '\u007f' || key === '\b') value = value.slice(0, -1);
    else if (key === '\u0015')
      value = ''; // Ctrl-U
    else if (key >= ' ') value += key;
  }
  return { kind: 'typing', value };
}

/** Asks for a secret on the terminal without echoing it. */
export async function promptSecret(question: string): Promise<string> {
  const stdin = process.stdin;
  // echo off before the prompt shows, so nothing typed at once appears (as getpass does)
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  process.stderr.write(question);
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (keys: string) => {
        const state = applyKeys(value, keys);
        if (state.kind === 'typing') {
          value = state.value;
          return;
        }
        stdin.off('data', onData);
        if (state.kind === 'done') resolve(state.value);
        else
          reject(
            new CliError(EXIT.interrupted, {
              statusCode: 0,
              error: 'interrupted',
              message: 'cancelled',
            }),
          );
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

/**
 * A password from standard input (--password-stdin) or, on a terminal, a hidden prompt
 * (twice when `confirm`, for new passwords).
 */
export async function readPassword(options: { stdin?: boolean; confirm?: boolean; what?: string }) {
  const what = options.what ?? 'Password';
  if (options.stdin) {
    const password = await readStdin();
    if (!password) throw usageError('no password on standard input');
    return password;
  }
  if (!canPrompt()) {
    throw usageError('no terminal to ask for the password: pass it with --password-stdin');
  }
  const password = await promptSecret(`${what}: `);
  if (!password) throw usageError('empty password');
  if (options.confirm && (await promptSecret(`${what} (again): `)) !== password) {
    throw usageError('the passwords do not match');
  }
  return password;
}
