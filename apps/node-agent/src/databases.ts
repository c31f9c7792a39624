import type { DatabaseConfig, TaskDatabase } from '@federa/contract';

/** A database a run reads, as the node sees it (a runtime decides how the algorithm sees it). */
export type RunDatabaseSource =
  | { label: string; type: 'csv'; hostPath: string }
  | { label: string; type: 'sql'; uri: string };

export type DatabaseResolution =
  | { ok: true; databases: RunDatabaseSource[] }
  | { ok: false; reason: string };

/** Used when a task names no database (as vantage6 3.x tasks did): the node's `default`. */
export const DEFAULT_LABEL = 'default';

/**
 * Maps the labels a task asks for onto the node's configured databases, in the task's order.
 * A task without labels gets the database labelled `default` when there is one, else none.
 */
export function resolveDatabases(
  requested: TaskDatabase[],
  configured: DatabaseConfig[],
): DatabaseResolution {
  const byLabel = new Map(configured.map((db) => [db.label, db]));
  const labels =
    requested.length > 0
      ? requested.map((d) => d.label)
      : byLabel.has(DEFAULT_LABEL)
        ? [DEFAULT_LABEL]
        : [];
  const unknown = labels.filter((label) => !byLabel.has(label));
  if (unknown.length > 0) {
    const known = configured.map((db) => db.label).join(', ') || 'none';
    return {
      ok: false,
      reason: `this node has no database labelled ${unknown.map((l) => `"${l}"`).join(', ')} (it has: ${known})`,
    };
  }
  return {
    ok: true,
    databases: labels.map((label): RunDatabaseSource => {
      const db = byLabel.get(label)!;
      return db.type === 'csv'
        ? { label, type: 'csv', hostPath: db.path }
        : { label, type: 'sql', uri: db.uri };
    }),
  };
}
