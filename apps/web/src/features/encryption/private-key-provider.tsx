'use client';

import { importPrivateKeyPem, keyId, publicKeyFromPrivateKey, type WebCryptoKey } from '@federa/crypto';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useApi } from '@/lib/api-provider';

/**
 * Where the PEM waits across reloads: this tab's sessionStorage. Never localStorage (other
 * tabs, and it outlives the tab) and never the server.
 */
export const PRIVATE_KEY_STORAGE = 'federa.private-key';

export interface LoadedKey {
  key: WebCryptoKey;
  /** base64url SHA-256 of the public key: what envelopes name their recipients by */
  keyId: string;
}

interface PrivateKeyState {
  loaded: LoadedKey | null;
  /** Imports a PEM and keeps it for this tab; throws (CryptoError) when it is not a usable private key. */
  load(pem: string): Promise<void>;
  forget(): void;
}

const PrivateKeyContext = createContext<PrivateKeyState | null>(null);

async function importKey(pem: string): Promise<LoadedKey> {
  const key = await importPrivateKeyPem(pem);
  return { key, keyId: await keyId(await publicKeyFromPrivateKey(key)) };
}

/** The organization's private key the user loaded into this tab, to decrypt results. */
export function PrivateKeyProvider({ children }: { children: ReactNode }) {
  const { store } = useApi();
  const [loaded, setLoaded] = useState<LoadedKey | null>(null);

  const forget = useCallback(() => {
    sessionStorage.removeItem(PRIVATE_KEY_STORAGE);
    setLoaded(null);
  }, []);

  useEffect(() => {
    const pem = sessionStorage.getItem(PRIVATE_KEY_STORAGE);
    if (pem) importKey(pem).then(setLoaded, forget);
    // The key goes with the session: logging out (here or in another tab) or expiry forgets it.
    return store.subscribe(() => {
      if (!store.read()) forget();
    });
  }, [store, forget]);

  const load = useCallback(async (pem: string) => {
    const next = await importKey(pem.trim());
    sessionStorage.setItem(PRIVATE_KEY_STORAGE, pem.trim());
    setLoaded(next);
  }, []);

  const value = useMemo(() => ({ loaded, load, forget }), [loaded, load, forget]);
  return <PrivateKeyContext.Provider value={value}>{children}</PrivateKeyContext.Provider>;
}

export function usePrivateKey(): PrivateKeyState {
  const state = useContext(PrivateKeyContext);
  if (!state) throw new Error('usePrivateKey outside <PrivateKeyProvider>');
  return state;
}
