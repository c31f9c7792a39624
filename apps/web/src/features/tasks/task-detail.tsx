'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages, formatTime } from '@/lib/format';
import { useCollaborationRooms, useLiveEvent, useResync } from '@/lib/live';
import { useAsync, useDebounced } from '@/lib/use-async';
import { type OpenedRun, openRun } from '@/features/encryption/open-run';
import { PrivateKeyPanel } from '@/features/encryption/private-key-panel';
import { usePrivateKey } from '@/features/encryption/private-key-provider';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { StatusBadge } from '@/features/shared/status-badge';
import { downloadJson, resultsDocument } from './download';
import { ResultView } from './result-view';

/** One task, kept up to date over the socket: a row per organization with its run. */
export function TaskDetail({ id }: { id: number }) {
  const api = useApi();
  const task = useAsync(() => api.call((c) => c.tasks.get({ params: { id } })), [api, id]);
  const runs = useAsync(
    () =>
      allPages((page) =>
        api.call((c) => c.runs.list({ query: { task_id: id, page, per_page: 500 } })),
      ),
    [api, id],
  );
  const subtasks = useAsync(
    () => api.call((c) => c.tasks.list({ query: { parent_id: id, per_page: 50 } })),
    [api, id],
  );
  const collaborationId = task.data?.collaboration_id;
  const context = useAsync(async () => {
    if (!collaborationId) return undefined;
    const [collaboration, orgs] = await Promise.all([
      api.call((c) => c.collaborations.get({ params: { id: collaborationId } })),
      api.call((c) => c.organizations.list({ query: { collaboration_id: collaborationId, per_page: 500 } })),
    ]);
    return { collaboration, orgs: orgs.data };
  }, [api, collaborationId]);
  // In an encrypted collaboration results and logs are decrypted here, with the loaded key.
  const { loaded } = usePrivateKey();
  const encrypted = context.data?.collaboration.encrypted;
  const opened = useAsync(async (): Promise<OpenedRun[] | undefined> => {
    if (!runs.data || encrypted === undefined) return undefined;
    if (!encrypted) return runs.data.map((run) => ({ run, sealed: false }));
    return Promise.all(runs.data.map((run) => openRun(run, loaded)));
  }, [runs.data, encrypted, loaded]);

  const live = useCollaborationRooms(collaborationId ? [collaborationId] : []);
  const refresh = useDebounced(() => {
    task.reload();
    runs.reload();
  }, 100);
  useLiveEvent('run_status', (event) => {
    if (event.task_id === id) refresh();
    else if (event.parent_id === id) subtasks.reload();
  });
  useLiveEvent('task_status', (event) => {
    if (event.task_id === id) refresh();
    else if (event.parent_id === id) subtasks.reload();
  });
  useResync(refresh);

  const [confirmKill, setConfirmKill] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  async function kill() {
    setActionError(undefined);
    try {
      await api.call((c) => c.tasks.kill({ params: { id }, body: {} }));
      setConfirmKill(false);
      refresh();
    } catch (error) {
      setActionError(error);
    }
  }

  if (task.error) return <ErrorNotice error={task.error} />;
  if (!task.data) return <Loading />;
  const t = task.data;
  const orgName = (orgId: number) =>
    context.data?.orgs.find((o) => o.id === orgId)?.name ?? `organization ${orgId}`;
  const hasResults = runs.data?.some((r) => r.result !== null) ?? false;

  return (
    <article aria-labelledby="task-title" data-task={t.id}>
      <p className="breadcrumbs">
        <Link href="/tasks">Tasks</Link> / #{t.id}
      </p>
      <div className="page-head">
        <h1 id="task-title">{t.name}</h1>
        <span className="task-status" aria-label="Task status">
          <StatusBadge status={t.status} />
        </span>
      </div>
      <p className={`muted small live-note`} data-live={live ? 'on' : 'off'} aria-live="polite">
        {live ? 'Updates live as nodes report.' : 'Connecting for live updates…'}
      </p>
      <dl className="facts">
        <dt>Collaboration</dt>
        <dd>
          {context.data?.collaboration.name ?? `#${t.collaboration_id}`}
          {encrypted ? <span className="tag">encrypted</span> : null}
        </dd>
        <dt>Image</dt>
        <dd>
          <code>{t.image}</code>
        </dd>
        {t.description ? (
          <>
            <dt>Description</dt>
            <dd>{t.description}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>{formatTime(t.created_at)}</dd>
        <dt>Finished</dt>
        <dd>{t.complete ? formatTime(t.finished_at) : 'not yet'}</dd>
        {t.databases.length ? (
          <>
            <dt>Databases</dt>
            <dd>{t.databases.map((d) => d.label).join(', ')}</dd>
          </>
        ) : null}
        {t.parent_id ? (
          <>
            <dt>Parent task</dt>
            <dd>
              <Link href={`/tasks/${t.parent_id}`}>#{t.parent_id}</Link>
            </dd>
          </>
        ) : null}
      </dl>

      <div className="actions">
        {!t.complete ? (
          confirmKill ? (
            <>
              <button type="button" className="danger" onClick={() => void kill()}>
                Yes, kill the task
              </button>
              <button type="button" onClick={() => setConfirmKill(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirmKill(true)}>
              Kill task
            </button>
          )
        ) : null}
        <button
          type="button"
          disabled={!hasResults || !opened.data}
          onClick={() =>
            opened.data &&
            downloadJson(
              `task-${t.id}-results.json`,
              resultsDocument(t, opened.data, context.data?.orgs ?? [], encrypted ?? false),
            )
          }
        >
          Download results
        </button>
      </div>
      <ErrorNotice error={actionError} />

      {encrypted ? <PrivateKeyPanel /> : null}
      <h2 className="section-title">Runs</h2>
      <ErrorNotice error={runs.error ?? context.error ?? opened.error} />
      {!opened.data ? <Loading /> : <RunTable runs={opened.data} orgName={orgName} />}

      {subtasks.data?.data.length ? (
        <>
          <h2 className="section-title">Subtasks</h2>
          <ul>
            {subtasks.data.data.map((sub) => (
              <li key={sub.id}>
                <Link href={`/tasks/${sub.id}`}>
                  #{sub.id} {sub.name}
                </Link>{' '}
                <StatusBadge status={sub.status} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

function RunTable(props: { runs: OpenedRun[]; orgName: (id: number) => string }) {
  if (!props.runs.length) return <p>No runs.</p>;
  return (
    <div className="table-wrap">
      <table className="stack runs">
        <caption className="visually-hidden">One run per organization</caption>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
            <th scope="col">Log</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {props.runs.map(({ run, ...opened }) => (
            <tr key={run.id} data-run={run.id} data-status={run.status}>
              <th scope="row" data-label="Organization">
                {props.orgName(run.organization_id)}
              </th>
              <td data-label="Status">
                <StatusBadge status={run.status} />
                {run.status_reason ? <div className="small muted">{run.status_reason}</div> : null}
              </td>
              <td data-label="Started">{formatTime(run.started_at)}</td>
              <td data-label="Finished">{formatTime(run.finished_at)}</td>
              <td data-label="Log">
                {run.log && opened.sealed ? (
                  <span className="tag">encrypted</span>
                ) : run.log ? (
                  <details>
                    <summary>Log ({run.log.split('\n').length} lines)</summary>
                    <pre className="log">{run.log}</pre>
                  </details>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label="Result" className="result-cell">
                <ResultView
                  result={run.result}
                  sealed={opened.sealed}
                  {...(opened.sealed && opened.error ? { error: opened.error } : {})}
                  label={props.orgName(run.organization_id)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
