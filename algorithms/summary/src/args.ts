import { z } from 'zod';

const columns = z
  .array(z.string().min(1))
  .min(1)
  .optional()
  .describe('columns to describe; default all');

export const PartialArgsSchema = z.object({ columns });
export type PartialArgs = z.infer<typeof PartialArgsSchema>;

export const CentralArgsSchema = z.object({
  organizations: z
    .array(z.number().int().positive())
    .min(1)
    .describe('organizations whose data to describe'),
  columns,
});
export type CentralArgs = z.infer<typeof CentralArgsSchema>;

/** Reads an algorithm's args with a clear error. */
export function parseArgs<S extends z.ZodTypeAny>(schema: S, args: unknown): z.output<S> {
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const issues = (parsed.error as z.ZodError).issues.map(
      (i) => `${i.path.join('.') || '(args)'}: ${i.message}`,
    );
    throw new Error(`invalid args: ${issues.join('; ')}`);
  }
  return parsed.data as z.output<S>;
}
