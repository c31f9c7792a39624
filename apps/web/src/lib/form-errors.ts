import type { ZodError } from 'zod';

/** Field name → first message, for showing errors next to form fields. */
export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

export type Validated<T, F extends string = string> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors<F> };

/** The first message per top-level field of a zod error (its path's first segment). */
export function fieldErrors<F extends string>(error: ZodError): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form') as F;
    errors[field] ??= issue.message;
  }
  return errors;
}
