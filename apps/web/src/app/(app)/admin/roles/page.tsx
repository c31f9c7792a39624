import type { Metadata } from 'next';
import { AdminNav } from '@/features/admin/admin-index';
import { RolesAdmin } from '@/features/admin/roles-admin';

export const metadata: Metadata = { title: 'Roles' };

export default function RolesPage() {
  return (
    <>
      <AdminNav current="/admin/roles" />
      <RolesAdmin />
    </>
  );
}
