import { z } from 'zod';
import { PageQuerySchema, QueryId, timestamp } from '../common/pagination';

export const NodeStatusSchema = z.enum(['online', 'offline']);
export type NodeStatus = z.infer<typeof NodeStatusSchema>;

export const NodeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  organization_id: z.number().int(),
  collaboration_id: z.number().int(),
  status: NodeStatusSchema,
  last_seen_at: timestamp.nullable(),
});
export type Node = z.infer<typeof NodeSchema>;

export const NodeCreateSchema = z.object({
  collaboration_id: z.number().int().positive(),
  organization_id: z.number().int().positive().optional().describe('default: your organization'),
  name: z.string().trim().min(1).max(128).optional(),
});
export type NodeCreate = z.infer<typeof NodeCreateSchema>;

export const NodeWithKeySchema = NodeSchema.extend({
  api_key: z.string().describe('shown once; only a hash is stored'),
});
export type NodeWithKey = z.infer<typeof NodeWithKeySchema>;

export const NodeUpdateSchema = z.object({ name: z.string().trim().min(1).max(128) });

export const NodeQuerySchema = PageQuerySchema.extend({
  organization_id: QueryId.optional(),
  collaboration_id: QueryId.optional(),
  status: NodeStatusSchema.optional(),
  name: z.string().optional(),
});
