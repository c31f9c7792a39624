'use client';

import { type FormEvent, type ReactNode, useState } from 'react';
import type { FieldErrors, Validated } from '@/lib/form-errors';
import { ErrorNotice } from '@/features/shared/notice';

/**
 * A create form's values, its field errors and the request's failure. `submit` clears the last failure,
 * validates the values, then creates; the form is `busy` meanwhile, so a double click creates nothing twice.
 */
export function useCreateForm<V, F extends string, B, T>(options: {
  initial: NoInfer<V>;
  validate: (values: V) => Validated<B, F>;
  create: (body: B) => Promise<T>;
  onDone: (created: T) => void;
}) {
  const [values, setValues] = useState(options.initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const checked = options.validate(values);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      options.onDone(await options.create(checked.value));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return { values, set, errors, failure, busy, submit };
}

/** The frame of a create form: its title, the fields, the request's failure, and Create / Cancel. */
export function CreateForm(props: {
  title: string;
  submitLabel: string;
  form: { submit: (event: FormEvent) => Promise<void>; failure: unknown; busy: boolean };
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form onSubmit={props.form.submit} noValidate>
      <h2>{props.title}</h2>
      {props.children}
      <ErrorNotice error={props.form.failure} />
      <div className="actions">
        <button type="submit" className="primary" disabled={props.form.busy}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** `ids` with `id` added or taken out, as its checkbox was ticked or not. */
export const toggled = (ids: number[], id: number, on: boolean) => (on ? [...ids, id] : ids.filter((other) => other !== id));
