'use client';

import { type FormEvent, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages } from '@/lib/format';
import type { FieldErrors } from '@/lib/form-errors';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { ErrorNotice, Loading, Notice } from '@/features/shared/notice';
import { Pager } from '@/features/shared/pager';
import { AdminHead, CreatePanel, usePagedList } from './admin-kit';
import { type CollaborationFormValues, validateCollaborationForm } from './admin.validation';

function useOrganizations() {
  const api = useApi();
  return useAsync(
    () => allPages((page) => api.call((c) => c.organizations.list({ query: { page, per_page: 500 } }))),
    [api],
  );
}

export function CollaborationsAdmin() {
  const api = useApi();
  const { can } = useMe();
  const orgs = useOrganizations();
  const [created, setCreated] = useState<string>();
  const list = usePagedList(
    (page) => api.call((c) => c.collaborations.list({ query: { page, per_page: 20 } })),
    [api],
  );
  const orgName = (id: number) => orgs.data?.find((o) => o.id === id)?.name ?? `#${id}`;

  return (
    <>
      <AdminHead title="Collaborations">
        {can('collaboration', 'create') ? (
          <CreatePanel label="New collaboration">
            {(close) => (
              <CollaborationForm
                orgs={orgs.data ?? []}
                onDone={(name) => {
                  close();
                  setCreated(name);
                  list.reload();
                }}
                onCancel={close}
              />
            )}
          </CreatePanel>
        ) : null}
      </AdminHead>
      {created ? <Notice kind="success">Collaboration “{created}” created.</Notice> : null}
      <ErrorNotice error={list.error} />
      {!list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <div className="table-wrap">
            <table className="stack">
              <caption className="visually-hidden">Collaborations</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">Name</th>
                  <th scope="col">Encrypted</th>
                  <th scope="col">Organizations</th>
                </tr>
              </thead>
              <tbody>
                {list.data.data.map((c) => (
                  <tr key={c.id}>
                    <td data-label="ID">{c.id}</td>
                    <th scope="row" data-label="Name">
                      {c.name}
                    </th>
                    <td data-label="Encrypted">{c.encrypted ? 'yes' : 'no'}</td>
                    <td data-label="Organizations">{c.organization_ids.map(orgName).join(', ') || '—'}</td>
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

function CollaborationForm(props: {
  orgs: { id: number; name: string }[];
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [values, setValues] = useState<CollaborationFormValues>({ name: '', encrypted: false, organizationIds: [] });
  const [errors, setErrors] = useState<FieldErrors<'name' | 'encrypted' | 'organization_ids'>>({});
  const [failure, setFailure] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateCollaborationForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    try {
      const created = await api.call((c) => c.collaborations.create({ body: checked.value }));
      props.onDone(created.name);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2>New collaboration</h2>
      <Field label="Name" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={values.encrypted}
          onChange={(e) => setValues({ ...values, encrypted: e.target.checked })}
        />
        End-to-end encrypted
      </label>
      <fieldset>
        <legend>Member organizations</legend>
        {props.orgs.map((org) => (
          <label className="check" key={org.id}>
            <input
              type="checkbox"
              checked={values.organizationIds.includes(org.id)}
              onChange={(e) =>
                setValues({
                  ...values,
                  organizationIds: e.target.checked
                    ? [...values.organizationIds, org.id]
                    : values.organizationIds.filter((id) => id !== org.id),
                })
              }
            />
            {org.name}
          </label>
        ))}
        {errors.organization_ids ? <p className="field-error">{errors.organization_ids}</p> : null}
      </fieldset>
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="primary">
          Create collaboration
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
