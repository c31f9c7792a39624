'use client';

import type { User } from '@federa/contract';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useApi } from '@/lib/api-provider';
import { useAsync } from '@/lib/use-async';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { type Can, permissionChecker } from './permissions';

interface Me {
  user: User;
  can: Can;
}

const MeContext = createContext<Me | null>(null);

/** Loads the logged-in user and their effective rules (GET /user/me, /user/me/permissions). */
export function MeProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { data, error } = useAsync(
    async () => {
      const [user, permissions] = await Promise.all([
        api.call((c) => c.users.me()),
        api.call((c) => c.users.permissions()),
      ]);
      return { user, can: permissionChecker(permissions) };
    },
    [api],
  );
  const value = useMemo(() => data ?? null, [data]);
  if (error) return <ErrorNotice error={error} />;
  if (!value) return <Loading />;
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside <MeProvider>');
  return me;
}
