'use client';

import type { NodeStatus, NodeWithKey } from '@federa/contract';
import { type FormEvent, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages, formatTime } from '@/lib/format';
import type { FieldErrors } from '@/lib/form-errors';
import { useCollaborationRooms, useLiveEvent } from '@/lib/live';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { Pager } from '@/features/shared/pager';
import { StatusBadge } from '@/features/shared/status-badge';
import { AdminHead, CreatePanel, usePagedList } from './admin-kit';
import { type NodeFormValues, validateNodeForm } from './admin.validation';

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
  const { can } = useMe();
  const context = useContext();
  const [created, setCreated] = useState<NodeWithKey>();
  const [live, setLive] = useState<Map<number, NodeStatus>>(new Map());
  const list = usePagedList((page) => api.call((c) => c.nodes.list({ query: { page, per_page: 20 } })), [api]);

  useCollaborationRooms(context.data?.collaborations.map((c) => c.id) ?? []);
  useLiveEvent('node_status', (event) => setLive((prev) => new Map(prev).set(event.node_id, event.status)));

  const collaborationName = (id: number) => context.data?.collaborations.find((c) => c.id === id)?.name ?? `#${id}`;
  const orgName = (id: number) => context.data?.orgs.find((o) => o.id === id)?.name ?? `#${id}`;

  return (
    <>
      <AdminHead title="Nodes">
        {can('node', 'create') ? (
          <CreatePanel label="New node">
            {(close) => (
              <NodeForm
                context={context.data}
                onDone={(node) => {
                  close();
                  setCreated(node);
                  list.reload();
                }}
                onCancel={close}
              />
            )}
          </CreatePanel>
        ) : null}
      </AdminHead>
      {created ? <ApiKeyOnce node={created} onDismiss={() => setCreated(undefined)} /> : null}
      <ErrorNotice error={list.error} />
      {!list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <div className="table-wrap">
            <table className="stack">
              <caption className="visually-hidden">Nodes</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">Name</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Collaboration</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {list.data.data.map((node) => (
                  <tr key={node.id} data-node={node.id}>
                    <td data-label="ID">{node.id}</td>
                    <th scope="row" data-label="Name">
                      {node.name}
                    </th>
                    <td data-label="Organization">{orgName(node.organization_id)}</td>
                    <td data-label="Collaboration">{collaborationName(node.collaboration_id)}</td>
                    <td data-label="Status">
                      <StatusBadge status={live.get(node.id) ?? node.status} />
                    </td>
                    <td data-label="Last seen">{formatTime(node.last_seen_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={list.page} perPage={list.data.per_page} total={list.data.total} onPage={list.setPage} />
        </>
      ) : null}
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

function NodeForm(props: {
  context: { collaborations: { id: number; name: string; organization_ids: number[] }[]; orgs: { id: number; name: string }[] } | undefined;
  onDone: (node: NodeWithKey) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const { user } = useMe();
  const [values, setValues] = useState<NodeFormValues>({ collaborationId: '', organizationId: '', name: '' });
  const [errors, setErrors] = useState<FieldErrors<'collaboration_id' | 'organization_id' | 'name'>>({});
  const [failure, setFailure] = useState<unknown>();
  const collaboration = props.context?.collaborations.find((c) => String(c.id) === values.collaborationId);
  const members = props.context?.orgs.filter((o) => collaboration?.organization_ids.includes(o.id)) ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateNodeForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    try {
      props.onDone(await api.call((c) => c.nodes.create({ body: checked.value })));
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2>New node</h2>
      <Field label="Collaboration" error={errors.collaboration_id}>
        {(ids) => (
          <select
            {...ids}
            value={values.collaborationId}
            onChange={(e) => {
              const next = props.context?.collaborations.find((c) => String(c.id) === e.target.value);
              const mine = next?.organization_ids.includes(user.organization_id);
              setValues({
                ...values,
                collaborationId: e.target.value,
                organizationId: mine ? String(user.organization_id) : String(next?.organization_ids[0] ?? ''),
              });
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
          <select {...ids} value={values.organizationId} onChange={(e) => setValues({ ...values, organizationId: e.target.value })}>
            {members.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name (optional)" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
      </Field>
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="primary">
          Create node
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
