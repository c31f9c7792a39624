'use client';

import Link from 'next/link';
import { useMe } from '@/features/auth/me-provider';
import { ADMIN_SECTIONS } from '@/features/auth/permissions';

/** The administration sections the user may see (by GET /user/me/permissions). */
export function AdminIndex() {
  const { can } = useMe();
  const sections = ADMIN_SECTIONS.filter((s) => can(s.resource, 'view'));
  return (
    <>
      <h1>Administration</h1>
      {sections.length === 0 ? <p>You have no administrative permissions.</p> : null}
      <ul className="tiles">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href}>{s.label}</Link>
            <span className="muted small">
              {can(s.resource, 'create') ? 'view and create' : 'view'}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Sub-navigation shown on every administration page. */
export function AdminNav({ current }: { current: string }) {
  const { can } = useMe();
  return (
    <nav aria-label="Administration" className="subnav">
      <ul>
        {ADMIN_SECTIONS.filter((s) => can(s.resource, 'view')).map((s) => (
          <li key={s.href}>
            <Link href={s.href} aria-current={s.href === current ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
