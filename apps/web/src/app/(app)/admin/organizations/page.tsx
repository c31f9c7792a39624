import type { Metadata } from 'next';
import { AdminNav } from '@/features/admin/admin-index';
import { OrganizationsAdmin } from '@/features/admin/organizations-admin';

export const metadata: Metadata = { title: 'Organizations' };

export default function OrganizationsPage() {
  return (
    <>
      <AdminNav current="/admin/organizations" />
      <OrganizationsAdmin />
    </>
  );
}
