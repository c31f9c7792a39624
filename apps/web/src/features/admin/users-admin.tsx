'use client';

import { PASSWORD_RULES } from '@federa/contract';
import { type FormEvent, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages, formatTime } from '@/lib/format';
import type { FieldErrors } from '@/lib/form-errors';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { ErrorNotice, Loading, Notice } from '@/features/shared/notice';
import { Pager } from '@/features/shared/pager';
import { AdminHead, CreatePanel, usePagedList } from './admin-kit';
import { type UserField, type UserFormValues, validateUserForm } from './admin.validation';

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
  const { can } = useMe();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [created, setCreated] = useState<string>();
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
      <AdminHead title="Users">
        {can('user', 'create') ? (
          <CreatePanel label="New user">
            {(close) => (
              <UserForm
                onDone={(username) => {
                  close();
                  setCreated(username);
                  list.reload();
                }}
                onCancel={close}
              />
            )}
          </CreatePanel>
        ) : null}
      </AdminHead>
      {created ? <Notice kind="success">User “{created}” created.</Notice> : null}
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
      <ErrorNotice error={list.error} />
      {!list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <div className="table-wrap">
            <table className="stack">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {list.data.data.map((user) => (
                  <tr key={user.id} data-user={user.username}>
                    <th scope="row" data-label="Username">
                      {user.username}
                    </th>
                    <td data-label="Name">{[user.firstname, user.lastname].filter(Boolean).join(' ') || '—'}</td>
                    <td data-label="Email">{user.email ?? '—'}</td>
                    <td data-label="Organization">{orgName(user.organization_id)}</td>
                    <td data-label="Roles">{user.roles.map(roleName).join(', ') || '—'}</td>
                    <td data-label="Last seen">{formatTime(user.last_seen_at)}</td>
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

function UserForm(props: { onDone: (username: string) => void; onCancel: () => void }) {
  const api = useApi();
  const { user: me } = useMe();
  const directory = useDirectory();
  const [values, setValues] = useState<UserFormValues>({
    username: '',
    password: '',
    passwordAgain: '',
    email: '',
    firstname: '',
    lastname: '',
    organizationId: String(me.organization_id),
    roles: [],
  });
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const checked = validateUserForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const user = await api.call((c) => c.users.create({ body: checked.value }));
      props.onDone(user.username);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

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
    <form onSubmit={submit} noValidate>
      <h2>New user</h2>
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
                onChange={(e) =>
                  set('roles', e.target.checked ? [...values.roles, role.id] : values.roles.filter((r) => r !== role.id))
                }
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
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Create user
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
