'use client';

import type { Role, Rule } from '@federa/contract';
import { useApi } from '@/lib/api-provider';
import { allPages } from '@/lib/format';
import { useAsync } from '@/lib/use-async';
import { Field } from '@/features/shared/field';
import { Notice } from '@/features/shared/notice';
import { AdminHead, type CreateFormProps, PagedList, usePagedList } from './admin-kit';
import { validateRoleForm } from './admin.validation';
import { CreateForm, toggled, useCreateForm } from './create-form';

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
  const rules = useRules();
  const list = usePagedList((page) => api.call((c) => c.roles.list({ query: { page, per_page: 20 } })), [api]);
  const rule = (id: number) => rules.data?.find((r) => r.id === id);

  return (
    <>
      <AdminHead
        title="Roles"
        create={{
          resource: 'role',
          label: 'New role',
          form: (props) => <RoleForm {...props} rules={rules.data ?? []} />,
          notice: (role: Role) => <Notice kind="success">Role “{role.name}” created.</Notice>,
          onCreated: list.reload,
        }}
      />
      <PagedList list={list} error={rules.error}>
        {(roles) => (
          <ul className="plain-list">
            {roles.map((role) => (
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
        )}
      </PagedList>
    </>
  );
}

function RoleForm(props: CreateFormProps<Role> & { rules: Rule[] }) {
  const api = useApi();
  const { values, set, errors, ...form } = useCreateForm({
    initial: { name: '', description: '', rules: [] },
    validate: validateRoleForm,
    create: (body) => api.call((c) => c.roles.create({ body })),
    onDone: props.onDone,
  });
  const resources = [...new Set(props.rules.map((r) => r.resource))];

  return (
    <CreateForm title="New role" submitLabel="Create role" form={form} onCancel={props.onCancel}>
      <Field label="Name" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field label="Description (optional)" error={errors.description}>
        {(ids) => <input {...ids} value={values.description} onChange={(e) => set('description', e.target.value)} />}
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
                  onChange={(e) => set('rules', toggled(values.rules, r.id, e.target.checked))}
                />
                {r.operation} ({r.scope})
              </label>
            ))}
        </fieldset>
      ))}
      {errors.rules ? <p className="field-error">{errors.rules}</p> : null}
    </CreateForm>
  );
}
