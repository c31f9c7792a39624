import type { AlgorithmInput, RunContext, RunDatabase } from '@federa/contract';
import type { SubtaskClient } from '../client/subtask-client';
import type { Table } from '../data/table';
import {
  toAlgorithm,
  type Algorithm,
  type AlgorithmContext,
  type AlgorithmFunctions,
} from './define-algorithm';

/** A failure of the run itself (bad run directory, unknown method): reported without a stack. */
export class AlgorithmRunError extends Error {
  override name = 'AlgorithmRunError';
}

/** What a run offers the algorithm besides its input. */
export interface RunEnvironment {
  context: RunContext;
  client: SubtaskClient;
  /** Reads one database of the context (called on first access of `ctx.data`). */
  loadTable: (database: RunDatabase) => Table;
}

function createAlgorithmContext(
  args: Record<string, unknown>,
  env: RunEnvironment,
): AlgorithmContext {
  let tables: Table[] | undefined;
  const data = () => (tables ??= env.context.databases.map((database) => env.loadTable(database)));
  return {
    args,
    context: env.context,
    client: env.client,
    get data() {
      return data();
    },
    table(label?: string): Table {
      const labels = env.context.databases.map((d) => d.label);
      if (labels.length === 0) {
        throw new Error('this run has no database: create the task with `databases: ["<label>"]`');
      }
      const index = label === undefined ? 0 : labels.indexOf(label);
      const table = data()[index];
      if (index < 0 || !table)
        throw new Error(`no database "${label}" in this run; it has: ${labels.join(', ')}`);
      return table;
    },
  };
}

/** The JSON text of a method's return value (`undefined` becomes `null`). */
export function serializeResult(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new Error(
      `the algorithm's result cannot be written as JSON: ${(error as Error).message}`,
    );
  }
  return text ?? 'null';
}

/**
 * Calls `input.method` of the algorithm with the run's context and returns its result as
 * JSON text: the one path of every run, real or mocked.
 */
export async function dispatch(
  algorithm: Algorithm | AlgorithmFunctions,
  input: AlgorithmInput,
  env: RunEnvironment,
): Promise<string> {
  const { methods } = toAlgorithm(algorithm);
  const method = Object.hasOwn(methods, input.method) ? methods[input.method] : undefined;
  if (!method) {
    throw new AlgorithmRunError(
      `unknown method "${input.method}"; this algorithm has: ${Object.keys(methods).join(', ')}`,
    );
  }
  const result: unknown = await method(createAlgorithmContext(input.args, env));
  return serializeResult(result);
}
