import type { DatabaseConfig, RunDatabase, TaskDatabase } from '@federa/contract';

type SqlSource = { label: string; type: 'sql'; uri: string; query?: string };

/** A database a run reads, as the node sees it (a runtime decides how the algorithm sees it). */
export type RunDatabaseSource = { label: string; type: 'csv'; hostPath: string } | SqlSource;

/** A SQL database as the algorithm sees it, wherever it runs: the URI and the task's query. */
export const sqlRunDatabase = ({ label, uri, query }: SqlSource): RunDatabase => ({
  label,
  type: 'sql',
  uri,
  ...(query !== undefined && { query }),
});

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
  const wanted: TaskDatabase[] =
    requested.length > 0 ? requested : byLabel.has(DEFAULT_LABEL) ? [{ label: DEFAULT_LABEL }] : [];
  const labels = wanted.map((d) => d.label);
  const unknown = labels.filter((label) => !byLabel.has(label));
  if (unknown.length > 0) {
    const known = configured.map((db) => db.label).join(', ') || 'none';
    return {
      ok: false,
      reason: `this node has no database labelled ${unknown.map((l) => `"${l}"`).join(', ')} (it has: ${known})`,
    };
  }
  // A query means nothing to a CSV file: saying so beats an algorithm silently reading it all.
  const misplaced = wanted.find(
    (d) => d.query !== undefined && byLabel.get(d.label)!.type !== 'sql',
  );
  if (misplaced) {
    return {
      ok: false,
      reason: `database "${misplaced.label}" is a CSV file on this node: a query applies to SQL databases only`,
    };
  }
  return {
    ok: true,
    databases: wanted.map(({ label, query }): RunDatabaseSource => {
      const db = byLabel.get(label)!;
      return db.type === 'csv'
        ? { label, type: 'csv', hostPath: db.path }
        : { label, type: 'sql', uri: db.uri, ...(query !== undefined && { query }) };
    }),
  };
}
