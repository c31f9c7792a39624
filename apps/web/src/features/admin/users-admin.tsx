'use client';

import { PASSWORD_RULES, type User } from '@federa/contract';
import { useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages, formatTime } from '@/lib/format';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { Notice } from '@/features/shared/notice';
import { AdminHead, type CreateFormProps, usePagedList } from './admin-kit';
import { validateUserForm } from './admin.validation';
import { CreateForm, toggled, useCreateForm } from './create-form';
import { PagedTable } from './paged-table';

/** Organizations and roles by id, for showing names instead of numbers. */
function useDirectory() {
  const api = useApi();
  return useAsync(async () => {
    const [orgs, roles] = await Promise.all([
      allPages((page) => api.call((c) => c.organizations.list({ query: { page, per_page: 500 } }))),
      allPages((page) => api.call((c) => c.roles.list({ query: { page, per_page: 500 } }))),
    ]);
    return { orgs, roles };
  }, [api]);
}

export function UsersAdmin() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const directory = useDirectory();
  const list = usePagedList(
    (page) =>
      api.call((c) => c.users.list({ query: { page, per_page: 20, ...(query ? { username: query } : {}) } })),
    [api, query],
  );
  const orgName = (id: number) => directory.data?.orgs.find((o) => o.id === id)?.name ?? `#${id}`;
  const roleName = (id: number) => directory.data?.roles.find((r) => r.id === id)?.name ?? `#${id}`;

  return (
    <>
      <AdminHead
        title="Users"
        create={{
          resource: 'user',
          label: 'New user',
          form: (props) => <UserForm {...props} />,
          notice: (user: User) => <Notice kind="success">User “{user.username}” created.</Notice>,
          onCreated: list.reload,
        }}
      />
      <form
        className="filters"
        role="search"
        aria-label="Find users"
        onSubmit={(e) => {
          e.preventDefault();
          list.setPage(1);
          setQuery(search.trim());
        }}
      >
        <div className="field">
          <label htmlFor="user-search">Username contains</label>
          <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      <PagedTable
        list={list}
        caption="Users"
        rowData={(user) => ({ 'data-user': user.username })}
        columns={[
          { label: 'Username', cell: (user) => user.username, rowHeader: true },
          { label: 'Name', cell: (user) => [user.firstname, user.lastname].filter(Boolean).join(' ') || '—' },
          { label: 'Email', cell: (user) => user.email ?? '—' },
          { label: 'Organization', cell: (user) => orgName(user.organization_id) },
          { label: 'Roles', cell: (user) => user.roles.map(roleName).join(', ') || '—' },
          { label: 'Last seen', cell: (user) => formatTime(user.last_seen_at) },
        ]}
      />
    </>
  );
}

function UserForm(props: CreateFormProps<User>) {
  const api = useApi();
  const { user: me } = useMe();
  const directory = useDirectory();
  const { values, set, errors, ...form } = useCreateForm({
    initial: {
      username: '',
      password: '',
      passwordAgain: '',
      email: '',
      firstname: '',
      lastname: '',
      organizationId: String(me.organization_id),
      roles: [],
    },
    validate: validateUserForm,
    create: (body) => api.call((c) => c.users.create({ body })),
    onDone: props.onDone,
  });

  const text = (key: 'username' | 'email' | 'firstname' | 'lastname', label: string, autoComplete: string) => (
    <Field label={label} error={errors[key]}>
      {(ids) => (
        <input
          {...ids}
          autoComplete={autoComplete}
          type={key === 'email' ? 'email' : 'text'}
          autoCapitalize={key === 'username' || key === 'email' ? 'none' : undefined}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <CreateForm title="New user" submitLabel="Create user" form={form} onCancel={props.onCancel}>
      {text('username', 'Username', 'off')}
      <Field label="Password" error={errors.password} hint={`Needs ${PASSWORD_RULES}.`}>
        {(ids) => (
          <input {...ids} type="password" autoComplete="new-password" value={values.password} onChange={(e) => set('password', e.target.value)} />
        )}
      </Field>
      <Field label="Repeat password" error={errors.passwordAgain}>
        {(ids) => (
          <input
            {...ids}
            type="password"
            autoComplete="new-password"
            value={values.passwordAgain}
            onChange={(e) => set('passwordAgain', e.target.value)}
          />
        )}
      </Field>
      {text('email', 'Email (optional)', 'off')}
      {text('firstname', 'First name (optional)', 'off')}
      {text('lastname', 'Last name (optional)', 'off')}
      <Field label="Organization" error={errors.organizationId}>
        {(ids) => (
          <select {...ids} value={values.organizationId} onChange={(e) => set('organizationId', e.target.value)}>
            {directory.data?.orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            )) ?? <option value={me.organization_id}>your organization</option>}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Roles</legend>
        {directory.data?.roles
          .filter((r) => r.organization_id === null || String(r.organization_id) === values.organizationId)
          .map((role) => (
            <div className="check" key={role.id}>
              <input
                id={`role-${role.id}`}
                type="checkbox"
                aria-describedby={role.description ? `role-${role.id}-about` : undefined}
                checked={values.roles.includes(role.id)}
                onChange={(e) => set('roles', toggled(values.roles, role.id, e.target.checked))}
              />
              <label htmlFor={`role-${role.id}`}>{role.name}</label>
              {role.description ? (
                <span className="muted small" id={`role-${role.id}-about`}>
                  {role.description}
                </span>
              ) : null}
            </div>
          ))}
        {errors.roles ? <p className="field-error">{errors.roles}</p> : null}
      </fieldset>
    </CreateForm>
  );
}
