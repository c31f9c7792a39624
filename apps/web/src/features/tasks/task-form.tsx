'use client';

import { FederaApiError } from '@federa/client';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { allPages } from '@/lib/format';
import type { FieldErrors } from '@/lib/form-errors';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { encryptTaskBody } from '@/features/encryption/encrypt-task';
import { Field } from '@/features/shared/field';
import { ErrorNotice, Loading, Notice } from '@/features/shared/notice';
import {
  emptyTaskForm,
  type TaskField,
  taskErrorsFromIssues,
  type TaskFormValues,
  validateTaskForm,
} from './task-form.validation';

const INPUT_EXAMPLE = '{\n  "method": "mean",\n  "column": "age"\n}';

/** Create a task: image, name, description, organizations, JSON input, databases. */
export function TaskForm() {
  const api = useApi();
  const { user } = useMe();
  const router = useRouter();
  const params = useSearchParams();
  const [values, setValues] = useState<TaskFormValues>(() =>
    emptyTaskForm(params.get('collaboration_id') ?? ''),
  );
  const [errors, setErrors] = useState<FieldErrors<TaskField | 'form'>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends TaskField>(key: K, value: TaskFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // An error is about what was typed before: it goes once the field changes.
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  };

  const collaborations = useAsync(
    () => allPages((page) => api.call((c) => c.collaborations.list({ query: { page, per_page: 100 } }))),
    [api],
  );
  // Default to the only collaboration there is.
  useEffect(() => {
    const list = collaborations.data;
    if (list?.length === 1 && !values.collaborationId) set('collaborationId', String(list[0]!.id));
  }, [collaborations.data]);

  const collaborationId = Number(values.collaborationId) || undefined;
  const collaboration = collaborations.data?.find((c) => c.id === collaborationId);
  const members = useAsync(async () => {
    if (!collaborationId) return [];
    const page = await api.call((c) =>
      c.organizations.list({ query: { collaboration_id: collaborationId, per_page: 500 } }),
    );
    return page.data;
  }, [api, collaborationId]);
  // Every member organization is selected when the collaboration changes.
  useEffect(() => {
    set('organizationIds', members.data?.map((o) => o.id) ?? []);
  }, [members.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const checked = validateTaskForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const body = collaboration?.encrypted
        ? await encryptTaskBody(api, checked.value, user.organization_id)
        : checked.value;
      const task = await api.call((c) => c.tasks.create({ body }));
      router.push(`/tasks/${task.id}`);
    } catch (error) {
      if (error instanceof FederaApiError && error.body.issues?.length) {
        setErrors(taskErrorsFromIssues(error.body.issues));
      }
      setFailure(error);
      setBusy(false);
    }
  }

  const toggleOrg = (id: number, on: boolean) =>
    set('organizationIds', on ? [...values.organizationIds, id] : values.organizationIds.filter((o) => o !== id));
  const setDatabase = (index: number, change: Partial<{ label: string; query: string }>) =>
    set(
      'databases',
      values.databases.map((db, i) => (i === index ? { ...db, ...change } : db)),
    );

  if (collaborations.error) return <ErrorNotice error={collaborations.error} />;
  if (!collaborations.data) return <Loading />;

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="new-task-title">
      <h1 id="new-task-title">New task</h1>
      <Field label="Collaboration" error={errors.collaborationId}>
        {(ids) => (
          <select {...ids} value={values.collaborationId} onChange={(e) => set('collaborationId', e.target.value)}>
            <option value="">Choose…</option>
            {collaborations.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {collaboration?.encrypted ? (
        <Notice>
          This collaboration is end-to-end encrypted: the input is encrypted in this browser for each
          organization’s public key, and only your organization can read the results.
        </Notice>
      ) : null}
      <Field label="Name" error={errors.name}>
        {(ids) => <input {...ids} value={values.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field label="Algorithm image" error={errors.image} hint="The container image the nodes run, e.g. federa/summary:1">
        {(ids) => (
          <input {...ids} value={values.image} autoCapitalize="none" spellCheck={false} onChange={(e) => set('image', e.target.value)} />
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(ids) => (
          <textarea {...ids} rows={2} value={values.description} onChange={(e) => set('description', e.target.value)} />
        )}
      </Field>

      <fieldset aria-describedby={errors.organizationIds ? 'orgs-error' : undefined}>
        <legend>Organizations to include</legend>
        {!collaborationId ? <p className="muted small">Choose a collaboration first.</p> : null}
        {members.loading && collaborationId ? <Loading /> : null}
        {members.data?.map((org) => (
          <label className="check" key={org.id}>
            <input
              type="checkbox"
              name="organization"
              value={org.id}
              checked={values.organizationIds.includes(org.id)}
              onChange={(e) => toggleOrg(org.id, e.target.checked)}
            />
            {org.name}
          </label>
        ))}
        {errors.organizationIds ? (
          <p className="field-error" id="orgs-error">
            {errors.organizationIds}
          </p>
        ) : null}
      </fieldset>

      <Field
        label="Input (JSON)"
        error={errors.input}
        hint={<>A JSON object passed to the algorithm, e.g. <code>{'{"method": "mean"}'}</code>. Leave empty for none.</>}
      >
        {(ids) => (
          <textarea
            {...ids}
            className="code"
            rows={6}
            spellCheck={false}
            placeholder={INPUT_EXAMPLE}
            value={values.input}
            onChange={(e) => set('input', e.target.value)}
          />
        )}
      </Field>

      <fieldset>
        <legend>Databases</legend>
        <p className="hint">Labels of the node databases the algorithm reads (with a query for SQL databases).</p>
        {values.databases.map((db, i) => (
          <div className="row" key={i}>
            <div className="field">
              <label htmlFor={`db-label-${i}`}>Database {i + 1} label</label>
              <input id={`db-label-${i}`} value={db.label} onChange={(e) => setDatabase(i, { label: e.target.value })} />
            </div>
            <div className="field grow">
              <label htmlFor={`db-query-${i}`}>Query (optional)</label>
              <input id={`db-query-${i}`} value={db.query} onChange={(e) => setDatabase(i, { query: e.target.value })} />
            </div>
            <button
              type="button"
              aria-label={`Remove database ${i + 1}`}
              onClick={() => set('databases', values.databases.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('databases', [...values.databases, { label: '', query: '' }])}>
          Add database
        </button>
        {errors.databases ? <p className="field-error">{errors.databases}</p> : null}
      </fieldset>

      {errors.form ? (
        <p className="notice notice-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <ErrorNotice error={failure} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create task'}
        </button>
      </div>
    </form>
  );
}

function focusFirstError() {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
