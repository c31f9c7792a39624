import type { Metadata } from 'next';
import { AdminNav } from '@/features/admin/admin-index';
import { CollaborationsAdmin } from '@/features/admin/collaborations-admin';

export const metadata: Metadata = { title: 'Collaborations' };

export default function CollaborationsPage() {
  return (
    <>
      <AdminNav current="/admin/collaborations" />
      <CollaborationsAdmin />
    </>
  );
}
