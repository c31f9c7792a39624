'use client';

import { type FormEvent, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import type { FieldErrors } from '@/lib/form-errors';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { ErrorNotice, Loading, Notice } from '@/features/shared/notice';
import { Pager } from '@/features/shared/pager';
import { AdminHead, CreatePanel, usePagedList } from './admin-kit';
import { type OrganizationFormValues, validateOrganizationForm } from './admin.validation';

export function OrganizationsAdmin() {
  const api = useApi();
  const { can } = useMe();
  const [created, setCreated] = useState<string>();
  const list = usePagedList(
    (page) => api.call((c) => c.organizations.list({ query: { page, per_page: 20 } })),
    [api],
  );
  return (
    <>
      <AdminHead title="Organizations">
        {can('organization', 'create') ? (
          <CreatePanel label="New organization">
            {(close) => (
              <OrganizationForm
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
      {created ? <Notice kind="success">Organization “{created}” created.</Notice> : null}
      <ErrorNotice error={list.error} />
      {!list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <div className="table-wrap">
            <table className="stack">
              <caption className="visually-hidden">Organizations</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">Name</th>
                  <th scope="col">Domain</th>
                  <th scope="col">Country</th>
                  <th scope="col">Public key</th>
                </tr>
              </thead>
              <tbody>
                {list.data.data.map((org) => (
                  <tr key={org.id}>
                    <td data-label="ID">{org.id}</td>
                    <th scope="row" data-label="Name">
                      {org.name}
                    </th>
                    <td data-label="Domain">{org.domain ?? '—'}</td>
                    <td data-label="Country">{org.country ?? '—'}</td>
                    <td data-label="Public key">{org.public_key ? 'uploaded' : 'none'}</td>
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

function OrganizationForm(props: { onDone: (name: string) => void; onCancel: () => void }) {
  const api = useApi();
  const [values, setValues] = useState<OrganizationFormValues>({ name: '', domain: '', address: '', country: '' });
  const [errors, setErrors] = useState<FieldErrors<keyof OrganizationFormValues>>({});
  const [failure, setFailure] = useState<unknown>();
  const set = (key: keyof OrganizationFormValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateOrganizationForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    try {
      const org = await api.call((c) => c.organizations.create({ body: checked.value }));
      props.onDone(org.name);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2>New organization</h2>
      {(['name', 'domain', 'address', 'country'] as const).map((key) => (
        <Field key={key} label={key[0]!.toUpperCase() + key.slice(1)} error={errors[key]}>
          {(ids) => <input {...ids} value={values[key]} onChange={(e) => set(key, e.target.value)} />}
        </Field>
      ))}
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="primary">
          Create organization
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
