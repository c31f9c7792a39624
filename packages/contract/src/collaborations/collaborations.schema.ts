import { z } from 'zod';
import { PageQuerySchema, QueryId } from '../common/pagination';

export const CollaborationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  encrypted: z.boolean().describe('inputs and results are end-to-end encrypted'),
  organization_ids: z.array(z.number().int()),
});
export type Collaboration = z.infer<typeof CollaborationSchema>;

export const CollaborationCreateSchema = z.object({
  name: z.string().trim().min(1).max(128),
  encrypted: z.boolean().default(false),
  organization_ids: z.array(z.number().int().positive()).default([]),
});
export type CollaborationCreate = z.infer<typeof CollaborationCreateSchema>;

export const CollaborationUpdateSchema = CollaborationCreateSchema.partial();
export type CollaborationUpdate = z.infer<typeof CollaborationUpdateSchema>;

export const CollaborationQuerySchema = PageQuerySchema.extend({
  name: z.string().optional().describe('substring match'),
  organization_id: QueryId.optional(),
  encrypted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const MemberSchema = z.object({ id: z.number().int().positive() });

export const StudySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  collaboration_id: z.number().int(),
  organization_ids: z.array(z.number().int()),
});
export type Study = z.infer<typeof StudySchema>;

export const StudyCreateSchema = z.object({
  name: z.string().trim().min(1).max(128),
  collaboration_id: z.number().int().positive(),
  organization_ids: z.array(z.number().int().positive()).min(1),
});
export type StudyCreate = z.infer<typeof StudyCreateSchema>;

export const StudyQuerySchema = PageQuerySchema.extend({
  collaboration_id: QueryId.optional(),
  organization_id: QueryId.optional(),
});
