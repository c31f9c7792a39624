import { z } from 'zod';
import { PageQuerySchema, QueryId, timestamp } from '../common/pagination';

export const RUN_STATUSES = [
  'pending',
  'initializing',
  'active',
  'completed',
  'failed',
  'crashed',
  'killed',
  'not_allowed',
] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** A run in one of these states will not change again. */
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = [
  'completed',
  'failed',
  'crashed',
  'killed',
  'not_allowed',
];
export const isFinished = (status: RunStatus): boolean => FINISHED_RUN_STATUSES.includes(status);

export const RunSchema = z.object({
  id: z.number().int(),
  task_id: z.number().int(),
  organization_id: z.number().int(),
  node_id: z.number().int().nullable().describe('the node that claimed the run'),
  status: RunStatusSchema,
  status_reason: z.string().nullable().describe('why a run failed, was refused or is stuck'),
  input: z.string().nullable(),
  result: z.string().nullable(),
  log: z.string().nullable(),
  assigned_at: timestamp,
  started_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
});
export type Run = z.infer<typeof RunSchema>;

/** The answer to a node's final report: the run without the input, result and log it holds. */
export const RunReceiptSchema = RunSchema.omit({ input: true, result: true, log: true });
export type RunReceipt = z.infer<typeof RunReceiptSchema>;

/** A run seen as a result, the shape of the seed's `GET /task/{id}/result`. */
export const ResultSchema = z.object({
  id: z.number().int().describe('the run id; `status_update` events carry it'),
  run_id: z.number().int(),
  task_id: z.number().int(),
  organization_id: z.number().int(),
  node: z.number().int().nullable().describe('id of the node that produced it'),
  status: RunStatusSchema,
  result: z.string().nullable(),
  log: z.string().nullable(),
  finished_at: timestamp.nullable(),
});
export type Result = z.infer<typeof ResultSchema>;

export const RunQuerySchema = PageQuerySchema.extend({
  task_id: QueryId.optional(),
  organization_id: QueryId.optional(),
  collaboration_id: QueryId.optional(),
  node_id: QueryId.optional(),
  status: RunStatusSchema.optional(),
  state: z.enum(['open', 'finished']).optional().describe('open: not finished yet'),
});

/** What a node may report while a run is under way. */
export const RunUpdateSchema = z.object({
  status: z.enum(['initializing', 'active']).optional(),
  log: z.string().max(1_000_000).optional(),
});
export type RunUpdate = z.infer<typeof RunUpdateSchema>;

/** The final report of a run: accepted once. */
export const RunResultCreateSchema = z.object({
  status: z.enum(['completed', 'failed', 'crashed', 'killed', 'not_allowed']),
  result: z.string().optional().describe('the output (JSON text or an encrypted envelope)'),
  log: z.string().max(1_000_000).optional(),
  reason: z.string().max(4096).optional().describe('why it did not complete'),
});
export type RunResultCreate = z.infer<typeof RunResultCreateSchema>;
