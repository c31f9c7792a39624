'use client';

import { importPublicKeyPem, keyId } from '@federa/crypto';
import { type ChangeEvent, useState } from 'react';
import { useApi } from '@/lib/api-provider';
import { useAsync } from '@/lib/use-async';
import { useMe } from '@/features/auth/me-provider';
import { Field } from '@/features/shared/field';
import { Notice } from '@/features/shared/notice';
import { usePrivateKey } from './private-key-provider';

/**
 * "Load private key": a file or a pasted PEM, read in this browser only. Once loaded it says
 * whose key it is: one that is not the organization's published key cannot open its results.
 */
export function PrivateKeyPanel() {
  const api = useApi();
  const { user } = useMe();
  const { loaded, load, forget } = usePrivateKey();
  const [pem, setPem] = useState('');
  const [error, setError] = useState<string>();
  const published = useAsync(async () => {
    const org = await api.call((c) => c.organizations.get({ params: { id: user.organization_id } }));
    return org.public_key ? keyId(await importPublicKeyPem(org.public_key)) : null;
  }, [api, user.organization_id]);

  async function submit(text: string) {
    setError(undefined);
    try {
      await load(text);
      setPem('');
    } catch (failure) {
      setError(`This is not a usable private key: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }
  const fromFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await submit(await file.text());
  };

  if (loaded) {
    const foreign = published.data !== undefined && published.data !== loaded.keyId;
    return (
      <section className="card key-panel" aria-label="Private key">
        <p className="small">
          Private key loaded (key id <code>{loaded.keyId.slice(0, 12)}…</code>): results are decrypted in this
          browser. It stays in this tab and is never sent anywhere.
        </p>
        {foreign ? (
          <Notice kind="warning">
            This is not your organization’s published key, so it cannot open results sent to your organization.
          </Notice>
        ) : null}
        <button type="button" onClick={forget}>
          Forget private key
        </button>
      </section>
    );
  }
  return (
    <section className="card key-panel" aria-labelledby="load-key-title">
      <h2 id="load-key-title" className="section-title">
        Load private key
      </h2>
      <p className="hint">
        Results of an encrypted collaboration open only with your organization’s private key (PEM). It is read in
        this browser, kept in this tab only, and never sent to the server.
      </p>
      <div className="field">
        <label htmlFor="private-key-file">Private key file</label>
        <input id="private-key-file" type="file" accept=".pem,.key,text/plain" onChange={(e) => void fromFile(e)} />
      </div>
      <Field label="Or paste the private key">
        {(ids) => (
          <textarea
            {...ids}
            className="code"
            rows={3}
            spellCheck={false}
            autoComplete="off"
            placeholder="-----BEGIN PRIVATE KEY-----"
            value={pem}
            onChange={(e) => setPem(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="button" disabled={!pem.trim()} onClick={() => void submit(pem)}>
          Load private key
        </button>
      </div>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
