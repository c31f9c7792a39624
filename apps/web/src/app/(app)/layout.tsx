import type { ReactNode } from 'react';
import { MeProvider } from '@/features/auth/me-provider';
import { PrivateKeyProvider } from '@/features/encryption/private-key-provider';
import { RequireSession } from '@/features/auth/require-session';
import { AppShell } from '@/features/layout/app-shell';
import { LiveProvider } from '@/lib/live';

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <RequireSession>
      <MeProvider>
        <PrivateKeyProvider>
          <LiveProvider>
            <AppShell>{children}</AppShell>
          </LiveProvider>
        </PrivateKeyProvider>
      </MeProvider>
    </RequireSession>
  );
}
