'use client';

import Link from 'next/link';
import { useApi } from '@/lib/api-provider';
import { allPages } from '@/lib/format';
import { useCollaborationRooms, useResync } from '@/lib/live';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { CollaborationCard } from './collaboration-card';

/** My collaborations, their organizations and nodes, with node status kept live. */
export function HomePage() {
  const api = useApi();
  const { user, can } = useMe();
  const collaborations = useAsync(
    () => allPages((page) => api.call((c) => c.collaborations.list({ query: { page, per_page: 100 } }))),
    [api],
  );
  const ids = collaborations.data?.map((c) => c.id) ?? [];
  const live = useCollaborationRooms(ids);
  useResync(collaborations.reload);

  return (
    <>
      <div className="page-head">
        <h1>Welcome, {user.firstname || user.username}</h1>
        {can('task', 'create') ? (
          <Link className="button primary" href="/tasks/new">
            New task
          </Link>
        ) : null}
      </div>
      <h2 className="section-title">
        Your collaborations{' '}
        <span className="muted small" data-live={live && ids.length ? 'on' : 'off'}>
          {live && ids.length ? '(node status is live)' : ''}
        </span>
      </h2>
      <ErrorNotice error={collaborations.error} />
      {collaborations.loading && !collaborations.data ? <Loading /> : null}
      {collaborations.data?.length === 0 ? (
        <p>Your organization is not in any collaboration yet. An administrator can add it.</p>
      ) : null}
      <div className="cards">
        {collaborations.data?.map((collaboration) => (
          <CollaborationCard key={collaboration.id} collaboration={collaboration} />
        ))}
      </div>
    </>
  );
}
