import type { RunContext } from '@federa/contract';
import type { Table } from '../data/table';
import type { SubtaskClient } from '../client/subtask-client';

/** What an algorithm function receives. */
export interface AlgorithmContext {
  /** `input.args` of the task: validate them (e.g. with zod) before use. */
  readonly args: Record<string, unknown>;
  /** The run: task, organization, collaboration and databases. */
  readonly context: RunContext;
  /** The run's databases in the task's order, read on first access. */
  readonly data: readonly Table[];
  /** The database with this label, or the first one; throws a clear error when absent. */
  table(label?: string): Table;
  /** Creates subtasks in the collaboration and waits for their results. */
  readonly client: SubtaskClient;
}

/** One method of an algorithm: its return value (any JSON value) is the run's result. */
export type AlgorithmFunction = (ctx: AlgorithmContext) => unknown;

export type AlgorithmFunctions = Record<string, AlgorithmFunction>;

/** Methods grouped by role; a group may be a single function, then named after the group. */
export interface AlgorithmDefinition {
  /** Runs at each organization next to its data (called by a central function's subtasks). */
  partial?: AlgorithmFunctions | AlgorithmFunction;
  /** Coordinates: creates subtasks for the partial functions and combines their results. */
  central?: AlgorithmFunctions | AlgorithmFunction;
}

/** An algorithm: its methods by the name `input.method` calls them. */
export interface Algorithm {
  readonly methods: Readonly<AlgorithmFunctions>;
}

const GROUPS = ['partial', 'central'] as const;

function isDefinition(
  value: AlgorithmDefinition | AlgorithmFunctions,
): value is AlgorithmDefinition {
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every((key) => (GROUPS as readonly string[]).includes(key)) &&
    Object.values(value).some((group) => typeof group === 'object')
  );
}

/**
 * Declares an algorithm, either as `{ partial: {...fns}, central: {...fns} }` or as a plain
 * map of named functions. A group given as one function is a method named after the group.
 * Method names must be unique.
 */
export function defineAlgorithm(definition: AlgorithmDefinition | AlgorithmFunctions): Algorithm {
  const methods: AlgorithmFunctions = {};
  const add = (name: string, fn: unknown) => {
    if (typeof fn !== 'function') throw new Error(`algorithm method "${name}" is not a function`);
    if (Object.hasOwn(methods, name))
      throw new Error(`algorithm method "${name}" is defined twice`);
    methods[name] = fn as AlgorithmFunction;
  };
  if (isDefinition(definition)) {
    for (const group of GROUPS) {
      const value = definition[group];
      if (typeof value === 'function') add(group, value);
      else if (value) for (const [name, fn] of Object.entries(value)) add(name, fn);
    }
  } else {
    for (const [name, fn] of Object.entries(definition)) add(name, fn);
  }
  if (Object.keys(methods).length === 0) throw new Error('an algorithm needs at least one method');
  return { methods };
}

/** Accepts an algorithm or a plain map of functions. */
export function toAlgorithm(algorithm: Algorithm | AlgorithmFunctions): Algorithm {
  const methods: unknown = algorithm.methods;
  if (typeof methods === 'object' && methods !== null) return algorithm as Algorithm;
  return defineAlgorithm(algorithm as AlgorithmFunctions);
}
