import { z } from 'zod';
import { PageQuerySchema, QueryId } from '../common/pagination';

export const RESOURCES = [
  'user',
  'organization',
  'collaboration',
  'study',
  'node',
  'task',
  'run',
  'role',
  'event',
] as const;
export const ResourceSchema = z.enum(RESOURCES);
export type Resource = z.infer<typeof ResourceSchema>;

export const OPERATIONS = ['view', 'create', 'edit', 'delete', 'send', 'receive'] as const;
export const OperationSchema = z.enum(OPERATIONS);
export type Operation = z.infer<typeof OperationSchema>;

/** Ordered from narrow to wide: a wider scope implies every narrower one. */
export const SCOPES = ['own', 'organization', 'collaboration', 'global'] as const;
export const ScopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof ScopeSchema>;

export const RuleSchema = z.object({
  id: z.number().int(),
  resource: ResourceSchema,
  operation: OperationSchema,
  scope: ScopeSchema,
});
export type Rule = z.infer<typeof RuleSchema>;

export const RuleQuerySchema = PageQuerySchema.extend({
  resource: ResourceSchema.optional(),
  operation: OperationSchema.optional(),
  scope: ScopeSchema.optional(),
  role_id: QueryId.optional(),
});

export const RoleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  organization_id: z.number().int().nullable().describe('null for the default roles'),
  is_default: z.boolean(),
  rules: z.array(z.number().int()),
});
export type Role = z.infer<typeof RoleSchema>;

export const RoleCreateSchema = z.object({
  name: z.string().trim().min(1).max(128),
  description: z.string().max(1024).optional(),
  organization_id: z.number().int().positive().optional().describe('default: your organization'),
  rules: z.array(z.number().int().positive()).default([]),
});
export type RoleCreate = z.infer<typeof RoleCreateSchema>;

export const RoleUpdateSchema = RoleCreateSchema.omit({ organization_id: true }).partial();
export type RoleUpdate = z.infer<typeof RoleUpdateSchema>;

export const RoleQuerySchema = PageQuerySchema.extend({
  organization_id: QueryId.optional(),
  name: z.string().optional(),
});
