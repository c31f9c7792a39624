import { FINISHED_RUN_STATUSES, type RunStatus } from '@federa/contract';

/**
 * A task's status follows from its runs: a failure shows as soon as one run fails (its own
 * status when all failures agree, else `failed`); otherwise the most advanced open state;
 * `completed` when every run completed. The task row keeps a counter per open state, so a run
 * changing state moves two counters in the same statement that changes the run: the task's
 * row lock lasts one statement, and no update reads the task's other runs.
 *
 * These are SQL fragments over the `task` row; every value in them is a constant of the contract.
 */

export const OPEN_RUN_STATUSES = ['pending', 'initializing', 'active'] as const;
export type OpenRunStatus = (typeof OPEN_RUN_STATUSES)[number];

const FAILURES: readonly RunStatus[] = FINISHED_RUN_STATUSES.filter((s) => s !== 'completed');
const FAILURE_LIST = FAILURES.map((s) => `'${s}'`).join(', ');

/** The task counter of each open state. */
export const COUNTER: Record<OpenRunStatus, string> = {
  pending: '"pendingRuns"',
  initializing: '"initializingRuns"',
  active: '"activeRuns"',
};

export const isOpen = (s: RunStatus): s is OpenRunStatus =>
  (OPEN_RUN_STATUSES as readonly string[]).includes(s);

/** The most advanced open state with runs in it, else `completed`: SQL over three counts. */
const progress = (count: Record<OpenRunStatus, string>): string =>
  `CASE WHEN ${count.active} > 0 THEN 'active' WHEN ${count.initializing} > 0 THEN 'initializing'
     WHEN ${count.pending} > 0 THEN 'pending' ELSE 'completed' END`;

const finishedAt = (count: Record<OpenRunStatus, string>): string =>
  `CASE WHEN ${count.pending} + ${count.initializing} + ${count.active} = 0
     THEN COALESCE(task."finishedAt", now()) END`;

/** What `task` is set to when one of its runs goes from `from` to `to`. */
export function transitionSet(from: RunStatus, to: RunStatus): string {
  const after = Object.fromEntries(
    OPEN_RUN_STATUSES.map((s) => [
      s,
      `task.${COUNTER[s]} + ${Number(s === to) - Number(s === from)}`,
    ]),
  ) as Record<OpenRunStatus, string>;
  const failure = FAILURES.includes(to) ? `'${to}'` : null;
  // Failures are final: once the task shows one, it keeps it (or `failed` when another differs).
  const status = failure
    ? `CASE WHEN task.status IN (${FAILURE_LIST}) AND task.status <> ${failure} THEN 'failed'
         ELSE ${failure} END`
    : `CASE WHEN task.status IN (${FAILURE_LIST}) THEN task.status ELSE ${progress(after)} END`;
  return [
    ...OPEN_RUN_STATUSES.map((s) => `${COUNTER[s]} = ${after[s]}`),
    `status = ${status}`,
    `"finishedAt" = ${finishedAt(after)}`,
  ].join(', ');
}

/**
 * Counts the runs of the tasks `c` is joined to (`c."taskId"`) and sets their counters and
 * status from scratch: for changes to many runs at once (a kill), and for migrations.
 */
export const RECOUNT = `
  UPDATE task SET ${OPEN_RUN_STATUSES.map((s) => `${COUNTER[s]} = c.${s}`).join(', ')},
    status = CASE WHEN c.failures > 1 THEN 'failed' WHEN c.failures = 1 THEN c.failure
      ELSE ${progress({ pending: 'c.pending', initializing: 'c.initializing', active: 'c.active' })} END,
    "finishedAt" = ${finishedAt({ pending: 'c.pending', initializing: 'c.initializing', active: 'c.active' })}
  FROM (
    SELECT "taskId", ${OPEN_RUN_STATUSES.map((s) => `count(*) FILTER (WHERE status = '${s}') AS ${s}`).join(', ')},
      count(DISTINCT status) FILTER (WHERE status IN (${FAILURE_LIST})) AS failures,
      min(status) FILTER (WHERE status IN (${FAILURE_LIST})) AS failure
    FROM run WHERE "taskId" = ANY($1) GROUP BY "taskId"
  ) c
  WHERE task.id = c."taskId"`;
