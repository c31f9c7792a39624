import type { Metadata } from 'next';
import { AdminNav } from '@/features/admin/admin-index';
import { UsersAdmin } from '@/features/admin/users-admin';

export const metadata: Metadata = { title: 'Users' };

export default function UsersPage() {
  return (
    <>
      <AdminNav current="/admin/users" />
      <UsersAdmin />
    </>
  );
}
