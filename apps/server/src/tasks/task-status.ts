import { type RunStatus, isFinished } from '@federa/contract';

const PROGRESS: RunStatus[] = ['active', 'initializing', 'pending'];

/**
 * A task's status from its runs: a failure shows as soon as one run fails (its own status when
 * all failures agree, else `failed`); otherwise the most advanced progress; `completed` last.
 */
export function deriveTaskStatus(runs: RunStatus[]): RunStatus {
  const failures = runs.filter((s) => isFinished(s) && s !== 'completed');
  if (failures.length) return failures.every((s) => s === failures[0]) ? failures[0]! : 'failed';
  return PROGRESS.find((s) => runs.includes(s)) ?? 'completed';
}

export const allFinished = (runs: RunStatus[]): boolean => runs.every(isFinished);
