'use client';

import type { Collaboration } from '@federa/contract';
import { useApi } from '@/lib/api-provider';
import { allPages } from '@/lib/format';
import { useAsync } from '@/lib/use-async';
import { Field } from '@/features/shared/field';
import { Notice } from '@/features/shared/notice';
import { AdminHead, type CreateFormProps, usePagedList } from './admin-kit';
import { validateCollaborationForm } from './admin.validation';
import { CreateForm, toggled, useCreateForm } from './create-form';
import { PagedTable } from './paged-table';

function useOrganizations() {
  const api = useApi();
  return useAsync(
    () => allPages((page) => api.call((c) => c.organizations.list({ query: { page, per_page: 500 } }))),
    [api],
  );
}

export function CollaborationsAdmin() {
  const api = useApi();
  const orgs = useOrganizations();
  const list = usePagedList(
    (page) => api.call((c) => c.collaborations.list({ query: { page, per_page: 20 } })),
    [api],
  );
  const orgName = (id: number) => orgs.data?.find((o) => o.id === id)?.name ?? `#${id}`;

  return (
    <>
      <AdminHead
        title="Collaborations"
        create={{
          resource: 'collaboration',
          label: 'New collaboration',
          form: (props) => <CollaborationForm {...props} orgs={orgs.data ?? []} />,
          notice: (collaboration: Collaboration) => <Notice kind="success">Collaboration “{collaboration.name}” created.</Notice>,
          onCreated: list.reload,
        }}
      />
      <PagedTable
        list={list}
        caption="Collaborations"
        columns={[
          { label: 'ID', cell: (c) => c.id },
          { label: 'Name', cell: (c) => c.name, rowHeader: true },
          { label: 'Encrypted', cell: (c) => (c.encrypted ? 'yes' : 'no') },
          { label: 'Organizations', cell: (c) => c.organization_ids.map(orgName).join(', ') || '—' },
        ]}
      />
    </>
  );
}

function CollaborationForm(props: CreateFormProps<Collaboration> & { orgs: { id: number; name: string }[] }) {
  const api = useApi();
  const { values, set, errors, ...form } = useCreateForm({
    initial: { name: '', encrypted: false, organizationIds: [] },
    validate: validateCollaborationForm,
    create: (body) => api.call((c) => c.collaborations.create({ body })),
    onDone: props.onDone,
  });

  return (
    <CreateForm title="New collaboration" submitLabel="Create collaboration" form={form} onCancel={props.onCancel}>
      <Field label="Name" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={values.encrypted} onChange={(e) => set('encrypted', e.target.checked)} />
        End-to-end encrypted
      </label>
      <fieldset>
        <legend>Member organizations</legend>
        {props.orgs.map((org) => (
          <label className="check" key={org.id}>
            <input
              type="checkbox"
              checked={values.organizationIds.includes(org.id)}
              onChange={(e) => set('organizationIds', toggled(values.organizationIds, org.id, e.target.checked))}
            />
            {org.name}
          </label>
        ))}
        {errors.organization_ids ? <p className="field-error">{errors.organization_ids}</p> : null}
      </fieldset>
    </CreateForm>
  );
}
