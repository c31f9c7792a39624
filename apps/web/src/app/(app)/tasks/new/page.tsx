import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TaskForm } from '@/features/tasks/task-form';

export const metadata: Metadata = { title: 'New task' };

export default function NewTaskPage() {
  return (
    <Suspense>
      <TaskForm />
    </Suspense>
  );
}
