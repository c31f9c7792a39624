'use client';

import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { type Api, createApi } from './api';
import { useConfig } from './config-context';
import { SESSION_KEY, type Session, SessionStore } from './session';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ children }: { children: ReactNode }) {
  const { apiUrl } = useConfig();

  const api = useMemo(
    () =>
      createApi({
        baseUrl: apiUrl,
        store: new SessionStore(typeof window === 'undefined' ? undefined : window.localStorage),
      }),
    [apiUrl],
  );

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_KEY || event.key === null) api.store.notify();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [api]);

  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiProvider>');
  return api;
}

/**
 * The current session: `undefined` while rendering on the server or hydrating (storage is not
 * known yet), then the session or null.
 */
export function useSession(): Session | null | undefined {
  const { store } = useApi();
  return useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.read(),
    () => undefined,
  );
}
