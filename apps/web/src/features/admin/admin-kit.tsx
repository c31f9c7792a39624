'use client';

import { type ReactNode, useState } from 'react';
import { type AsyncState, useAsync } from '@/lib/use-async';
import type { Page, Resource } from '@federa/contract';
import { useMe } from '@/features/auth/me-provider';
import { ErrorNotice, Loading } from '@/features/shared/notice';
import { Pager } from '@/features/shared/pager';

/** A paginated list with its page number. */
export interface PagedListState<T> extends AsyncState<Page<T>> {
  page: number;
  setPage: (page: number) => void;
}

export function usePagedList<T>(load: (page: number) => Promise<Page<T>>, deps: unknown[]): PagedListState<T> {
  const [page, setPage] = useState(1);
  const list = useAsync(() => load(page), [page, ...deps]);
  return { ...list, page, setPage };
}

/** The list's failure, then its current page (drawn by `children`) with the pager; `error`: another load's, shown when the list has none. */
export function PagedList<T>(props: { list: PagedListState<T>; error?: unknown; children: (items: T[]) => ReactNode }) {
  const { list } = props;
  return (
    <>
      <ErrorNotice error={list.error ?? props.error} />
      {list.data ? (
        <>
          {props.children(list.data.data)}
          <Pager page={list.page} perPage={list.data.per_page} total={list.data.total} onPage={list.setPage} />
        </>
      ) : (
        <Loading />
      )}
    </>
  );
}

/** What a create form is given: it reports the created item, or that it was cancelled. */
export interface CreateFormProps<T> {
  onDone: (created: T) => void;
  onCancel: () => void;
}

/** How a page creates: who may (`resource`), its "New …" button, its form, and how the created item is announced. */
export interface Creation<T> {
  resource: Resource;
  label: string;
  form: (props: CreateFormProps<T>) => ReactNode;
  notice: (created: T, dismiss: () => void) => ReactNode;
  onCreated: () => void;
}

/** The page's title with its "New …" button for who may create there; the last item created is announced under it. */
export function AdminHead<T>({ title, create }: { title: string; create: Creation<T> }) {
  const { can } = useMe();
  const [created, setCreated] = useState<T>();
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        {can(create.resource, 'create') ? (
          <CreatePanel label={create.label}>
            {(close) =>
              create.form({
                onDone: (item) => {
                  close();
                  setCreated(item);
                  create.onCreated();
                },
                onCancel: close,
              })
            }
          </CreatePanel>
        ) : null}
      </div>
      {created ? create.notice(created, () => setCreated(undefined)) : null}
    </>
  );
}

/** A "New …" button that opens its form in place; the form closes itself through `close`. */
function CreatePanel(props: { label: string; children: (close: () => void) => ReactNode }) {
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
