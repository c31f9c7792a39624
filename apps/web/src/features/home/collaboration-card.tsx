'use client';

import type { Collaboration, Node, NodeStatus } from '@federa/contract';
import Link from 'next/link';
import { useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { formatTime } from '@/lib/format';
import { useLiveEvent, useResync } from '@/lib/live';
import { useAsync } from '@/lib/use-async';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { StatusBadge } from '@/features/shared/status-badge';

/** One collaboration: each member organization with its node(s) and their online status. */
export function CollaborationCard({ collaboration }: { collaboration: Collaboration }) {
  const api = useApi();
  const [live, setLive] = useState<Map<number, NodeStatus>>(new Map());
  const members = useAsync(async () => {
    const query = { collaboration_id: collaboration.id, per_page: 500 };
    const [orgs, nodes] = await Promise.all([
      api.call((c) => c.organizations.list({ query })),
      api.call((c) => c.nodes.list({ query })),
    ]);
    return { orgs: orgs.data, nodes: nodes.data };
  }, [api, collaboration.id]);
  useResync(() => {
    setLive(new Map());
    members.reload();
  });

  useLiveEvent('node_status', (event) => {
    if (event.collaboration_id !== collaboration.id) return;
    if (!members.data?.nodes.some((n) => n.id === event.node_id)) members.reload();
    setLive((prev) => new Map(prev).set(event.node_id, event.status));
  });

  const nodesOf = (organizationId: number): Node[] =>
    members.data?.nodes.filter((n) => n.organization_id === organizationId) ?? [];
  const headingId = `collaboration-${collaboration.id}`;

  return (
    <section className="card" aria-labelledby={headingId} data-collaboration={collaboration.id}>
      <div className="card-head">
        <h3 id={headingId}>{collaboration.name}</h3>
        {collaboration.encrypted ? <span className="tag">encrypted</span> : null}
      </div>
      <ErrorNotice error={members.error} />
      {!members.data && members.loading ? <Loading /> : null}
      {members.data ? (
        <ul className="org-list">
          {members.data.orgs.map((org) => (
            <li key={org.id}>
              <span className="org-name">{org.name}</span>
              <ul className="node-list" aria-label={`Nodes of ${org.name}`}>
                {nodesOf(org.id).length === 0 ? <li className="muted">no node registered</li> : null}
                {nodesOf(org.id).map((node) => (
                  <li key={node.id} data-node={node.id}>
                    <span>{node.name}</span> <StatusBadge status={live.get(node.id) ?? node.status} />
                    {(live.get(node.id) ?? node.status) === 'offline' && node.last_seen_at ? (
                      <span className="muted small"> last seen {formatTime(node.last_seen_at)}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="card-actions">
        <Link href={`/tasks?collaboration_id=${collaboration.id}`}>Tasks</Link>
        <Link href={`/tasks/new?collaboration_id=${collaboration.id}`}>New task here</Link>
      </p>
    </section>
  );
}
