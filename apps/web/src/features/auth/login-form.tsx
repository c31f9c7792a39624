'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import { useApi, useSession } from '@/lib/api-provider';
import { describeError } from '@/lib/format';
import type { FieldErrors } from '@/lib/form-errors';
import { Field } from '@/features/shared/field';
import { Notice } from '@/features/shared/notice';
import { type LoginField, safeNextPath, validateLogin } from './login.validation';

export function LoginForm() {
  const api = useApi();
  const router = useRouter();
  const params = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<LoginField>>({});
  const [failure, setFailure] = useState<{ locked: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const session = useSession();

  // Already logged in (say, in another tab): straight on.
  useEffect(() => {
    if (session && !busy) router.replace(safeNextPath(params.get('next')));
  }, [session, busy, router, params]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const checked = validateLogin({ username, password });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const outcome = await api.login(checked.value.username, checked.value.password);
      if (outcome.ok) {
        router.replace(safeNextPath(params.get('next')));
        return;
      }
      setPassword('');
      setFailure({ locked: outcome.reason === 'locked', message: outcome.message });
    } catch (error) {
      setFailure({ locked: false, message: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card login" onSubmit={submit} noValidate aria-labelledby="login-title">
      <h1 id="login-title">Log in to Federa</h1>
      {params.get('logged_out') ? <Notice kind="success">You have logged out.</Notice> : null}
      {failure ? (
        <div className="notice notice-error" role="alert">
          {failure.locked ? (
            <>
              <strong>Your account is locked.</strong> {capitalize(failure.message)}. Wait, then try
              again, or ask an administrator.
            </>
          ) : (
            failure.message
          )}
        </div>
      ) : null}
      <Field label="Username" error={errors.username}>
        {(ids) => (
          <input
            {...ids}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        )}
      </Field>
      <Field label="Password" error={errors.password}>
        {(ids) => (
          <input
            {...ids}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
