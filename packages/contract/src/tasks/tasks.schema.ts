import { z } from 'zod';
import { PageQuerySchema, QueryId, timestamp } from '../common/pagination';
import { RunStatusSchema } from '../runs/runs.schema';

export const MAX_INPUT_CHARS = 10_000_000;

/** Task input: a string (as the seed sends it, or an encrypted envelope) or any JSON object. */
export const TaskInputSchema = z.union([
  z.string().max(MAX_INPUT_CHARS),
  z.record(z.unknown()).describe('stored as its JSON text'),
]);
export type TaskInput = z.infer<typeof TaskInputSchema>;

const positiveId = z.number().int().positive();

/** The seed documents `organization_ids` as a string: accept "1,2", 1 and [1, 2] alike. */
const OrganizationIdsSchema = z.preprocess((value) => {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string' && /^\s*\d+(\s*,\s*\d+)*\s*$/.test(value)) {
    return value.split(',').map((id) => Number(id.trim()));
  }
  return value;
}, z.array(positiveId).min(1));

export const TaskDatabaseSchema = z.object({
  label: z.string().min(1).max(128),
  query: z.string().max(65536).optional().describe('for SQL databases'),
});
export type TaskDatabase = z.infer<typeof TaskDatabaseSchema>;

export const TaskCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    image: z.string().trim().min(1).max(512),
    collaboration_id: z.coerce.number().int().positive(),
    study_id: positiveId.optional(),
    description: z.string().max(1024).optional(),
    input: TaskInputSchema.optional().describe('the same input for every organization'),
    organization_ids: OrganizationIdsSchema.optional().describe(
      'organizations that run the task; default: every member',
    ),
    organizations: z
      .array(z.object({ id: positiveId, input: TaskInputSchema.optional() }))
      .min(1)
      .optional()
      .describe('per-organization input (vantage6 4.x shape)'),
    databases: z
      .array(z.union([z.string().min(1).max(128), TaskDatabaseSchema]))
      .max(32)
      .default([])
      .describe('node database labels the algorithm reads'),
  })
  .refine((t) => !(t.organizations && (t.organization_ids || t.input !== undefined)), {
    message: 'send either organizations[{id, input}] or organization_ids/input, not both',
    path: ['organizations'],
  });
export type TaskCreate = z.infer<typeof TaskCreateSchema>;

export const TaskStatusSchema = RunStatusSchema;

export const TaskSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  image: z.string(),
  collaboration_id: z.number().int(),
  study_id: z.number().int().nullable(),
  parent_id: z.number().int().nullable().describe('the task whose algorithm created this one'),
  job_id: z.number().int().describe('shared by a task and all its subtasks'),
  init_org_id: z.number().int(),
  init_user_id: z.number().int().nullable(),
  databases: z.array(TaskDatabaseSchema),
  status: TaskStatusSchema.describe('derived from the runs; failure wins over progress'),
  complete: z.boolean().describe('true when every run has finished'),
  organization_ids: z.array(z.number().int()),
  created_at: timestamp,
  finished_at: timestamp.nullable(),
});
export type Task = z.infer<typeof TaskSchema>;

export const TaskQuerySchema = PageQuerySchema.extend({
  collaboration_id: QueryId.optional(),
  study_id: QueryId.optional(),
  init_user_id: QueryId.optional(),
  init_org_id: QueryId.optional(),
  parent_id: QueryId.optional(),
  status: TaskStatusSchema.optional(),
  name: z.string().optional().describe('substring match'),
});

export const KillTaskSchema = z.object({ id: z.coerce.number().int().positive() });
