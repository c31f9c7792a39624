import type { Metadata } from 'next';
import { AdminNav } from '@/features/admin/admin-index';
import { NodesAdmin } from '@/features/admin/nodes-admin';

export const metadata: Metadata = { title: 'Nodes' };

export default function NodesPage() {
  return (
    <>
      <AdminNav current="/admin/nodes" />
      <NodesAdmin />
    </>
  );
}
