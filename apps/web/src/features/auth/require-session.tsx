'use client';

import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { useApi, useSession } from '@/lib/api-provider';
import { Loading } from '@/features/shared/notice';

/**
 * Renders its children only with a session. Without one: to the session-expired page when it
 * expired here, otherwise to the login page (which brings the visitor back afterwards).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { store } = useApi();
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (session !== null) return;
    // An expired session gets its own page; a visitor who never logged in goes to the login.
    if (store.ended === 'expired') router.replace('/session-expired');
    else if (store.ended === 'logout') router.replace('/login?logged_out=1');
    else router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [session, store, router, pathname]);

  if (!session) return <Loading />;
  return <>{children}</>;
}
