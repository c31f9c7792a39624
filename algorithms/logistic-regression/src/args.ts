import { z } from 'zod';

const features = z.array(z.string().min(1)).min(1).describe('numeric feature columns');
const label = z.string().min(1).describe('outcome column: 0/1 (or true/false)');

export const PartialArgsSchema = z
  .object({
    features,
    label,
    weights: z.array(z.number().finite()).describe('intercept first, then one weight per feature'),
  })
  .refine((a) => a.weights.length === a.features.length + 1, {
    message: 'weights needs one entry for the intercept plus one per feature',
    path: ['weights'],
  });
export type PartialArgs = z.infer<typeof PartialArgsSchema>;

export const CentralArgsSchema = z.object({
  organizations: z
    .array(z.number().int().positive())
    .min(1)
    .describe('organizations whose data to fit on'),
  features,
  label,
  iterations: z.number().int().min(0).max(10_000).default(100).describe('most gradient steps'),
  learning_rate: z.number().positive().default(0.5),
  tolerance: z
    .number()
    .min(0)
    .default(1e-6)
    .describe('stop once the gradient norm is at most this'),
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
