import { type UserLogin, UserLoginSchema } from '@federa/contract';
import { fieldErrors, type Validated } from '@/lib/form-errors';

export type LoginField = keyof UserLogin;

export function validateLogin(values: { username: string; password: string }): Validated<UserLogin, LoginField> {
  const errors: Partial<Record<LoginField, string>> = {};
  if (!values.username.trim()) errors.username = 'Enter your username.';
  if (!values.password) errors.password = 'Enter your password.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = UserLoginSchema.safeParse({ username: values.username.trim(), password: values.password });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** Only same-site paths may be a post-login destination (no open redirects). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/session-expired')) return '/';
  return next;
}
