import type { Metadata } from 'next';
import { AdminIndex } from '@/features/admin/admin-index';

export const metadata: Metadata = { title: 'Administration' };

export default function AdminPage() {
  return <AdminIndex />;
}
