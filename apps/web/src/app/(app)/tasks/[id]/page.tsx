import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TaskDetail } from '@/features/tasks/task-detail';

export async function generateMetadata(props: PageProps<'/tasks/[id]'>): Promise<Metadata> {
  return { title: `Task ${(await props.params).id}` };
}

export default async function TaskPage(props: PageProps<'/tasks/[id]'>) {
  const id = Number((await props.params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <TaskDetail id={id} />;
}
