import { FederaApiError } from '@federa/client';
import { NoSessionError } from './api';

/** A sentence for the user out of anything a request may throw. */
export function describeError(error: unknown): string {
  if (error instanceof FederaApiError) {
    const issues = error.body.issues?.map((i) => `${i.path}: ${i.message}`) ?? [];
    return [error.body.message, ...issues].join(' — ');
  }
  if (error instanceof NoSessionError) return 'Your session has ended; log in again.';
  if (error instanceof TypeError) return 'Cannot reach the Federa server. Is it running?';
  return error instanceof Error ? error.message : String(error);
}

/** "2025-03-01 14:05:09" in the viewer's time zone; an em dash for no time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** Fetches every page of a paginated list (bounded by `limit` items). */
export async function allPages<T>(
  fetchPage: (page: number) => Promise<{ data: T[]; total: number; per_page: number }>,
  limit = 5_000,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await fetchPage(page);
    items.push(...answer.data);
    if (answer.data.length === 0 || items.length >= answer.total || items.length >= limit) {
      return items;
    }
  }
}
