'use client';

import type { Rule } from '@federa/contract';
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
import { type RoleFormValues, validateRoleForm } from './admin.validation';

const describe = (rule: Rule) => `${rule.operation} ${rule.resource} (${rule.scope})`;

function useRules() {
  const api = useApi();
  return useAsync(
    () => allPages((page) => api.call((c) => c.rules.list({ query: { page, per_page: 500 } }))),
    [api],
  );
}

export function RolesAdmin() {
  const api = useApi();
  const { can } = useMe();
  const rules = useRules();
  const [created, setCreated] = useState<string>();
  const list = usePagedList((page) => api.call((c) => c.roles.list({ query: { page, per_page: 20 } })), [api]);
  const rule = (id: number) => rules.data?.find((r) => r.id === id);

  return (
    <>
      <AdminHead title="Roles">
        {can('role', 'create') ? (
          <CreatePanel label="New role">
            {(close) => (
              <RoleForm
                rules={rules.data ?? []}
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
      {created ? <Notice kind="success">Role “{created}” created.</Notice> : null}
      <ErrorNotice error={list.error ?? rules.error} />
      {!list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <ul className="plain-list">
            {list.data.data.map((role) => (
              <li key={role.id} className="card">
                <div className="card-head">
                  <h2 className="h3">{role.name}</h2>
                  {role.is_default ? <span className="tag">default</span> : null}
                </div>
                {role.description ? <p>{role.description}</p> : null}
                <details>
                  <summary>{role.rules.length} rules</summary>
                  <ul className="rules">
                    {role.rules.map((id) => {
                      const r = rule(id);
                      return <li key={id}>{r ? describe(r) : `rule ${id}`}</li>;
                    })}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
          <Pager page={list.page} perPage={list.data.per_page} total={list.data.total} onPage={list.setPage} />
        </>
      ) : null}
    </>
  );
}

function RoleForm(props: { rules: Rule[]; onDone: (name: string) => void; onCancel: () => void }) {
  const api = useApi();
  const [values, setValues] = useState<RoleFormValues>({ name: '', description: '', rules: [] });
  const [errors, setErrors] = useState<FieldErrors<'name' | 'description' | 'rules'>>({});
  const [failure, setFailure] = useState<unknown>();
  const resources = [...new Set(props.rules.map((r) => r.resource))];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateRoleForm(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    try {
      const role = await api.call((c) => c.roles.create({ body: checked.value }));
      props.onDone(role.name);
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <h2>New role</h2>
      <Field label="Name" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
      </Field>
      <Field label="Description (optional)" error={errors.description}>
        {(ids) => (
          <input {...ids} value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />
        )}
      </Field>
      {resources.map((resource) => (
        <fieldset key={resource} className="compact">
          <legend>{resource}</legend>
          {props.rules
            .filter((r) => r.resource === resource)
            .map((r) => (
              <label className="check" key={r.id}>
                <input
                  type="checkbox"
                  checked={values.rules.includes(r.id)}
                  onChange={(e) =>
                    setValues({
                      ...values,
                      rules: e.target.checked ? [...values.rules, r.id] : values.rules.filter((id) => id !== r.id),
                    })
                  }
                />
                {r.operation} ({r.scope})
              </label>
            ))}
        </fieldset>
      ))}
      {errors.rules ? <p className="field-error">{errors.rules}</p> : null}
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="primary">
          Create role
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
