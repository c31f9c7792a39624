'use client';

import type { Organization } from '@federa/contract';
import { useApi } from '@/lib/api-provider';
import { Field } from '@/features/shared/field';
import { Notice } from '@/features/shared/notice';
import { AdminHead, type CreateFormProps, usePagedList } from './admin-kit';
import { validateOrganizationForm } from './admin.validation';
import { CreateForm, useCreateForm } from './create-form';
import { PagedTable } from './paged-table';

export function OrganizationsAdmin() {
  const api = useApi();
  const list = usePagedList(
    (page) => api.call((c) => c.organizations.list({ query: { page, per_page: 20 } })),
    [api],
  );
  return (
    <>
      <AdminHead
        title="Organizations"
        create={{
          resource: 'organization',
          label: 'New organization',
          form: (props) => <OrganizationForm {...props} />,
          notice: (org: Organization) => <Notice kind="success">Organization “{org.name}” created.</Notice>,
          onCreated: list.reload,
        }}
      />
      <PagedTable
        list={list}
        caption="Organizations"
        columns={[
          { label: 'ID', cell: (org) => org.id },
          { label: 'Name', cell: (org) => org.name, rowHeader: true },
          { label: 'Domain', cell: (org) => org.domain ?? '—' },
          { label: 'Country', cell: (org) => org.country ?? '—' },
          { label: 'Public key', cell: (org) => (org.public_key ? 'uploaded' : 'none') },
        ]}
      />
    </>
  );
}

function OrganizationForm(props: CreateFormProps<Organization>) {
  const api = useApi();
  const { values, set, errors, ...form } = useCreateForm({
    initial: { name: '', domain: '', address: '', country: '' },
    validate: validateOrganizationForm,
    create: (body) => api.call((c) => c.organizations.create({ body })),
    onDone: props.onDone,
  });

  return (
    <CreateForm title="New organization" submitLabel="Create organization" form={form} onCancel={props.onCancel}>
      {(['name', 'domain', 'address', 'country'] as const).map((key) => (
        <Field key={key} label={key[0]!.toUpperCase() + key.slice(1)} error={errors[key]}>
          {(ids) => <input {...ids} value={values[key]} onChange={(e) => set(key, e.target.value)} />}
        </Field>
      ))}
    </CreateForm>
  );
}
