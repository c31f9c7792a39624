import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '@federa/contract';
import { HttpTransport, UnavailableTransport } from '../client/http-transport';
import { SubtaskClient, type PollOptions } from '../client/subtask-client';
import { loadDatabase } from '../data/load-database';
import type { Algorithm, AlgorithmFunctions } from '../definition/define-algorithm';
import { AlgorithmRunError, dispatch } from '../definition/dispatch';
import { readRunFiles, resolveRunDir } from './run-dir';

export interface RunOptions {
  /** Run directory; default FEDERA_RUN_DIR, else `/run/federa`. */
  runDir?: string;
  /** End the process when done (exit code 0, or 1 on error); default true. */
  exit?: boolean;
  /** Polling of subtasks; default 50 ms growing to 1 s. */
  poll?: PollOptions;
}

/** How an error is shown in the run's log. */
export function formatError(error: unknown): string {
  if (error instanceof AlgorithmRunError) return `federa: ${error.message}`;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return `non-error thrown: ${String(error)}`;
}

/**
 * The entry point of an algorithm image: reads and validates the run directory, calls
 * `input.method`, writes its result to output.json. On error it prints the error to stderr
 * and exits with code 1. Resolves to the exit code.
 */
export async function run(
  algorithm: Algorithm | AlgorithmFunctions,
  options: RunOptions = {},
): Promise<number> {
  let code = 0;
  try {
    const runDir = options.runDir ?? resolveRunDir();
    const files = readRunFiles(runDir);
    const transport = files.proxySocket
      ? new HttpTransport({
          socketPath: files.proxySocket,
          ...(files.token ? { token: files.token } : {}),
        })
      : new UnavailableTransport(
          `subtasks are not available in this run: there is no ${join(runDir, RUN_FILES.proxySocket)}`,
        );
    const output = await dispatch(algorithm, files.input, {
      context: files.context,
      client: new SubtaskClient(transport, options.poll),
      loadTable: loadDatabase,
    });
    writeFileSync(join(runDir, RUN_FILES.output), output);
  } catch (error) {
    process.stderr.write(`${formatError(error)}\n`);
    code = 1;
  }
  if (options.exit ?? true) process.exit(code);
  process.exitCode = code;
  return code;
}
