import type { Organization, Task } from '@federa/contract';
import type { OpenedRun } from '@/features/encryption/open-run';
import { parseResult } from './numeric-series';

/**
 * The results of a task as one JSON document (results parsed where they are JSON; decrypted
 * ones in clear, sealed ones as their envelopes).
 */
export function resultsDocument(task: Task, runs: OpenedRun[], orgs: Organization[], encrypted: boolean) {
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    task: { id: task.id, name: task.name, image: task.image, status: task.status },
    encrypted,
    results: runs.map(({ run, sealed }) => {
      const parsed = sealed ? null : parseResult(run.result);
      return {
        run_id: run.id,
        organization_id: run.organization_id,
        organization: orgName.get(run.organization_id) ?? null,
        status: run.status,
        started_at: run.started_at,
        finished_at: run.finished_at,
        sealed,
        result: parsed ? (parsed.json ? parsed.value : parsed.text || null) : run.result,
        log: run.log,
      };
    }),
  };
}

/** Saves `data` as a JSON file through a blob URL (nothing leaves the browser). */
export function downloadJson(filename: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
