import { MAX_INPUT_CHARS, type TaskCreate, TaskCreateSchema, type TaskInput } from '@federa/contract';
import type { FieldErrors, Validated } from '@/lib/form-errors';

/** The task form as typed by the user. */
export interface TaskFormValues {
  collaborationId: string;
  name: string;
  image: string;
  description: string;
  organizationIds: number[];
  /** JSON text: an object (or a JSON string); empty for no input */
  input: string;
  databases: { label: string; query: string }[];
}
export type TaskField = keyof TaskFormValues;

/** Request fields (as the contract and the server's issue paths name them) → form fields. */
const FIELD_OF: Record<string, TaskField> = {
  collaboration_id: 'collaborationId',
  name: 'name',
  image: 'image',
  description: 'description',
  organization_ids: 'organizationIds',
  organizations: 'organizationIds',
  input: 'input',
  databases: 'databases',
};

export const emptyTaskForm = (collaborationId = ''): TaskFormValues => ({
  collaborationId,
  name: '',
  image: '',
  description: '',
  organizationIds: [],
  input: '',
  databases: [],
});

/** Parses the input box: nothing, a JSON object, or a JSON string; anything else is refused. */
export function parseTaskInput(
  text: string,
): { ok: true; value: TaskInput | undefined } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  if (text.length > MAX_INPUT_CHARS) return { ok: false, error: 'Input is too large.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    return { ok: false, error: `Input is not valid JSON${detail ? `: ${detail}` : ''}.` };
  }
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { ok: true, value: value as Record<string, unknown> };
  }
  return {
    ok: false,
    error: 'Input must be a JSON object, e.g. {"method": "mean", "column": "age"}, or a JSON string.',
  };
}

/** Checks the form and builds the body of POST /task (the contract's schema has the last word). */
export function validateTaskForm(values: TaskFormValues): Validated<TaskCreate, TaskField> {
  const errors: FieldErrors<TaskField> = {};
  const collaborationId = Number(values.collaborationId);
  if (!values.collaborationId || !Number.isInteger(collaborationId) || collaborationId <= 0) {
    errors.collaborationId = 'Choose a collaboration.';
  }
  if (!values.name.trim()) errors.name = 'Give the task a name.';
  if (!values.image.trim()) errors.image = 'Name the algorithm image to run.';
  if (values.organizationIds.length === 0) {
    errors.organizationIds = 'Choose at least one organization.';
  }
  const input = parseTaskInput(values.input);
  if (!input.ok) errors.input = input.error;
  const databases = values.databases
    .filter((db) => db.label.trim() || db.query.trim())
    .map((db) => ({
      label: db.label.trim(),
      ...(db.query.trim() ? { query: db.query.trim() } : {}),
    }));
  if (databases.some((db) => !db.label)) errors.databases = 'Every database needs a label.';
  if (Object.keys(errors).length) return { ok: false, errors };

  const parsed = TaskCreateSchema.safeParse({
    collaboration_id: collaborationId,
    name: values.name,
    image: values.image,
    ...(values.description.trim() ? { description: values.description.trim() } : {}),
    organization_ids: values.organizationIds,
    ...(input.ok && input.value !== undefined ? { input: input.value } : {}),
    databases,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: taskErrorsFromIssues(parsed.error.issues) };
}

/** Maps issues (from zod, or the server's `issues` with paths like "body.name") to fields. */
export function taskErrorsFromIssues(
  issues: readonly { path: string | readonly (string | number)[]; message: string }[],
): FieldErrors<TaskField | 'form'> {
  const errors: FieldErrors<TaskField | 'form'> = {};
  for (const issue of issues) {
    const segments = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    const first = segments[0] === 'body' ? segments[1] : segments[0];
    const field = (first && FIELD_OF[first]) || 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}
