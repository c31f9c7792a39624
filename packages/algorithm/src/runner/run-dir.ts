import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlgorithmInputSchema,
  CONTAINER_RUN_DIR,
  RUN_DIR_ENV,
  RUN_FILES,
  RunContextSchema,
  type AlgorithmInput,
  type RunContext,
} from '@federa/contract';
import type { z } from 'zod';
import { AlgorithmRunError } from '../definition/dispatch';

/** The files a node lays out for a run, read and validated. */
export interface RunFiles {
  runDir: string;
  input: AlgorithmInput;
  context: RunContext;
  /** The run's container token, when the node wrote one. */
  token?: string;
  /** `<runDir>/proxy.sock` when the node's proxy is there. */
  proxySocket?: string;
}

/** FEDERA_RUN_DIR, or `/run/federa` as in a container. */
export function resolveRunDir(env: NodeJS.ProcessEnv = process.env): string {
  return env[RUN_DIR_ENV] || CONTAINER_RUN_DIR;
}

function readJson<S extends z.ZodTypeAny>(
  runDir: string,
  file: string,
  schema: S,
  name: string,
): z.output<S> {
  const path = join(runDir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AlgorithmRunError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ` +
        `the node sets ${RUN_DIR_ENV} to the run directory (default ${CONTAINER_RUN_DIR})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AlgorithmRunError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = (parsed.error as z.ZodError).issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new AlgorithmRunError(`${file} is not a valid ${name}: ${issues.join('; ')}`);
  }
  return parsed.data as z.output<S>;
}

/** Reads input.json, context.json, token and proxy.sock of a run directory. */
export function readRunFiles(runDir: string): RunFiles {
  const input = readJson(runDir, RUN_FILES.input, AlgorithmInputSchema, 'AlgorithmInput');
  const context = readJson(runDir, RUN_FILES.context, RunContextSchema, 'RunContext');
  const tokenPath = join(runDir, RUN_FILES.token);
  const token = existsSync(tokenPath) ? readFileSync(tokenPath, 'utf8').trim() : undefined;
  const socketPath = join(runDir, RUN_FILES.proxySocket);
  return {
    runDir,
    input,
    context,
    ...(token ? { token } : {}),
    ...(existsSync(socketPath) ? { proxySocket: socketPath } : {}),
  };
}
