'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { useApi } from '@/lib/api-provider';
import { useLive } from '@/lib/live';
import { useMe } from '@/features/auth/me-provider';
import { ADMIN_SECTIONS } from '@/features/auth/permissions';

/** Header (navigation, live indicator, user, logout) around every logged-in page. */
export function AppShell({ children }: { children: ReactNode }) {
  const api = useApi();
  const router = useRouter();
  const pathname = usePathname();
  const { user, can } = useMe();
  const { connected } = useLive();
  const showAdmin = ADMIN_SECTIONS.some((s) => can(s.resource, 'view'));

  const links = [
    { href: '/', label: 'Home', active: pathname === '/' },
    { href: '/tasks', label: 'Tasks', active: pathname.startsWith('/tasks') },
    ...(showAdmin ? [{ href: '/admin', label: 'Administration', active: pathname.startsWith('/admin') }] : []),
  ];

  async function logout() {
    await api.logout();
    router.replace('/login?logged_out=1');
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link href="/" className="brand">
          Federa
        </Link>
        <nav aria-label="Main">
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={link.active ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-end">
          <span className={`live ${connected ? 'live-on' : 'live-off'}`} role="status" title="Live updates">
            {connected ? 'Live' : 'Offline'}
          </span>
          <span className="user">
            <span className="visually-hidden">Logged in as </span>
            {user.username}
          </span>
          <button type="button" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" className="content">
        {children}
      </main>
    </>
  );
}
