'use client';

import type { NodeStatus, NodeWithKey } from '@federa/contract';
import { useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages, formatTime } from '@/lib/format';
import { useCollaborationRooms, useLiveEvent } from '@/lib/live';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { StatusBadge } from '@/features/shared/status-badge';
import { AdminHead, type CreateFormProps, usePagedList } from './admin-kit';
import { validateNodeForm } from './admin.validation';
import { CreateForm, useCreateForm } from './create-form';
import { PagedTable } from './paged-table';

function useContext() {
  const api = useApi();
  return useAsync(async () => {
    const [collaborations, orgs] = await Promise.all([
      allPages((page) => api.call((c) => c.collaborations.list({ query: { page, per_page: 500 } }))),
      allPages((page) => api.call((c) => c.organizations.list({ query: { page, per_page: 500 } }))),
    ]);
    return { collaborations, orgs };
  }, [api]);
}

export function NodesAdmin() {
  const api = useApi();
  const context = useContext();
  const [live, setLive] = useState<Map<number, NodeStatus>>(new Map());
  const list = usePagedList((page) => api.call((c) => c.nodes.list({ query: { page, per_page: 20 } })), [api]);

  useCollaborationRooms(context.data?.collaborations.map((c) => c.id) ?? []);
  useLiveEvent('node_status', (event) => setLive((prev) => new Map(prev).set(event.node_id, event.status)));

  const collaborationName = (id: number) => context.data?.collaborations.find((c) => c.id === id)?.name ?? `#${id}`;
  const orgName = (id: number) => context.data?.orgs.find((o) => o.id === id)?.name ?? `#${id}`;

  return (
    <>
      <AdminHead
        title="Nodes"
        create={{
          resource: 'node',
          label: 'New node',
          form: (props) => <NodeForm {...props} context={context.data} />,
          notice: (node: NodeWithKey, dismiss: () => void) => <ApiKeyOnce node={node} onDismiss={dismiss} />,
          onCreated: list.reload,
        }}
      />
      <PagedTable
        list={list}
        caption="Nodes"
        rowData={(node) => ({ 'data-node': node.id })}
        columns={[
          { label: 'ID', cell: (node) => node.id },
          { label: 'Name', cell: (node) => node.name, rowHeader: true },
          { label: 'Organization', cell: (node) => orgName(node.organization_id) },
          { label: 'Collaboration', cell: (node) => collaborationName(node.collaboration_id) },
          { label: 'Status', cell: (node) => <StatusBadge status={live.get(node.id) ?? node.status} /> },
          { label: 'Last seen', cell: (node) => formatTime(node.last_seen_at) },
        ]}
      />
    </>
  );
}

/** The new node's API key: the server keeps only a hash, so this is the one time it is shown. */
function ApiKeyOnce({ node, onDismiss }: { node: NodeWithKey; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="notice notice-warning api-key" role="alert" aria-labelledby="api-key-title">
      <h2 id="api-key-title" className="h3">
        Node “{node.name}” created
      </h2>
      <p>
        Its API key is shown <strong>only this once</strong>. Put it in the node&apos;s configuration now.
      </p>
      <label htmlFor="api-key">API key</label>
      <input id="api-key" readOnly value={node.api_key} onFocus={(e) => e.target.select()} className="code" />
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(node.api_key).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDismiss}>
          I have saved it
        </button>
      </div>
    </section>
  );
}

function NodeForm(
  props: CreateFormProps<NodeWithKey> & {
    context: { collaborations: { id: number; name: string; organization_ids: number[] }[]; orgs: { id: number; name: string }[] } | undefined;
  },
) {
  const api = useApi();
  const { user } = useMe();
  const { values, set, errors, ...form } = useCreateForm({
    initial: { collaborationId: '', organizationId: '', name: '' },
    validate: validateNodeForm,
    create: (body) => api.call((c) => c.nodes.create({ body })),
    onDone: props.onDone,
  });
  const collaboration = props.context?.collaborations.find((c) => String(c.id) === values.collaborationId);
  const members = props.context?.orgs.filter((o) => collaboration?.organization_ids.includes(o.id)) ?? [];

  return (
    <CreateForm title="New node" submitLabel="Create node" form={form} onCancel={props.onCancel}>
      <Field label="Collaboration" error={errors.collaboration_id}>
        {(ids) => (
          <select
            {...ids}
            value={values.collaborationId}
            onChange={(e) => {
              const next = props.context?.collaborations.find((c) => String(c.id) === e.target.value);
              const mine = next?.organization_ids.includes(user.organization_id);
              set('collaborationId', e.target.value);
              set('organizationId', mine ? String(user.organization_id) : String(next?.organization_ids[0] ?? ''));
            }}
          >
            <option value="">Choose…</option>
            {props.context?.collaborations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Organization" error={errors.organization_id}>
        {(ids) => (
          <select {...ids} value={values.organizationId} onChange={(e) => set('organizationId', e.target.value)}>
            {members.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name (optional)" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
    </CreateForm>
  );
}
