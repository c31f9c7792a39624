'use client';

import { type ReactNode, useState } from 'react';
import { useAsync } from '@/lib/use-async';
import type { Page } from '@federa/contract';

/** A paginated list with its page number. */
export function usePagedList<T>(load: (page: number) => Promise<Page<T>>, deps: unknown[]) {
  const [page, setPage] = useState(1);
  const list = useAsync(() => load(page), [page, ...deps]);
  return { ...list, page, setPage };
}

/** A "New …" button that opens its form in place; the form closes itself through `close`. */
export function CreatePanel(props: {
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <section className="card form" aria-label={props.label}>
      {props.children(() => setOpen(false))}
    </section>
  );
}

export function AdminHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
