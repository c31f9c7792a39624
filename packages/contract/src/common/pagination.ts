import { z } from 'zod';

export const MAX_PER_PAGE = 500;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(10),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** A page of `item`s: the slice plus what a client needs to ask for the next one. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int().describe('number of items across all pages'),
  });
}
export interface Page<T> {
  data: T[];
  page: number;
  per_page: number;
  total: number;
}

/** A query-string id: `?task_id=3`. */
export const QueryId = z.coerce.number().int().positive();
/** A path id: `/task/3`. */
export const PathIdSchema = z.object({ id: z.coerce.number().int().positive() });
export const timestamp = z.string().describe('ISO 8601 time');
