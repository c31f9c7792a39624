'use client';

import { RUN_STATUSES, type RunStatus } from '@federa/contract';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages, formatTime } from '@/lib/format';
import { useCollaborationRooms, useLiveEvent, useResync } from '@/lib/live';
import { useAsync, useDebounced } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { Pager } from '@/features/shared/pager';
import { StatusBadge } from '@/features/shared/status-badge';

const PER_PAGE = 20;
const positive = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** Tasks, newest first, filtered by the URL's query (so filters survive reloads and links). */
export function TaskList() {
  const api = useApi();
  const { user, can } = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = {
    collaboration_id: positive(params.get('collaboration_id')),
    status: RUN_STATUSES.find((s) => s === params.get('status')),
    name: params.get('name') || undefined,
    mine: params.get('mine') === '1',
    page: positive(params.get('page')) ?? 1,
  };
  const [name, setName] = useState(filters.name ?? '');

  const collaborations = useAsync(
    () => allPages((page) => api.call((c) => c.collaborations.list({ query: { page, per_page: 100 } }))),
    [api],
  );
  const tasks = useAsync(
    () =>
      api.call((c) =>
        c.tasks.list({
          query: {
            page: filters.page,
            per_page: PER_PAGE,
            ...(filters.collaboration_id ? { collaboration_id: filters.collaboration_id } : {}),
            ...(filters.status ? { status: filters.status } : {}),
            ...(filters.name ? { name: filters.name } : {}),
            ...(filters.mine ? { init_user_id: user.id } : {}),
          },
        }),
      ),
    [api, params.toString(), user.id],
  );

  useCollaborationRooms(collaborations.data?.map((c) => c.id) ?? []);
  const refresh = useDebounced(tasks.reload, 250);
  useLiveEvent('task_status', (event) => {
    const shown = tasks.data?.data.some((t) => t.id === event.task_id);
    if (shown || filters.page === 1) refresh();
  });
  useResync(refresh);

  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in changes)) next.delete('page');
    router.replace(`${pathname}?${next.toString()}`);
  }

  function search(event: FormEvent) {
    event.preventDefault();
    update({ name: name.trim() || undefined });
  }

  const collaborationName = (id: number) =>
    collaborations.data?.find((c) => c.id === id)?.name ?? `#${id}`;

  return (
    <>
      <div className="page-head">
        <h1>Tasks</h1>
        {can('task', 'create') ? (
          <Link className="button primary" href="/tasks/new">
            New task
          </Link>
        ) : null}
      </div>
      <form className="filters" role="search" aria-label="Filter tasks" onSubmit={search}>
        <div className="field">
          <label htmlFor="filter-collaboration">Collaboration</label>
          <select
            id="filter-collaboration"
            value={filters.collaboration_id ?? ''}
            onChange={(e) => update({ collaboration_id: e.target.value || undefined })}
          >
            <option value="">All</option>
            {collaborations.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select
            id="filter-status"
            value={filters.status ?? ''}
            onChange={(e) => update({ status: (e.target.value as RunStatus) || undefined })}
          >
            <option value="">Any</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-name">Name contains</label>
          <input id="filter-name" type="search" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.mine}
            onChange={(e) => update({ mine: e.target.checked ? '1' : undefined })}
          />
          Only mine
        </label>
        <button type="submit">Search</button>
      </form>

      <ErrorNotice error={tasks.error} />
      {!tasks.data && tasks.loading ? <Loading /> : null}
      {tasks.data ? (
        tasks.data.data.length === 0 ? (
          <p>No tasks match.</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="stack">
                <caption className="visually-hidden">Tasks, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">ID</th>
                    <th scope="col">Name</th>
                    <th scope="col">Collaboration</th>
                    <th scope="col">Image</th>
                    <th scope="col">Status</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.data.data.map((task) => (
                    <tr key={task.id} data-task={task.id}>
                      <td data-label="ID">{task.id}</td>
                      <th scope="row" data-label="Name">
                        <Link href={`/tasks/${task.id}`}>{task.name}</Link>
                      </th>
                      <td data-label="Collaboration">{collaborationName(task.collaboration_id)}</td>
                      <td data-label="Image">
                        <code>{task.image}</code>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={task.status} />
                      </td>
                      <td data-label="Created">{formatTime(task.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={tasks.data.page}
              perPage={tasks.data.per_page}
              total={tasks.data.total}
              onPage={(page) => update({ page: String(page) })}
              label="Task pages"
            />
          </>
        )
      ) : null}
    </>
  );
}
