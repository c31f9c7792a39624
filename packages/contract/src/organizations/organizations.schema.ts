import { z } from 'zod';
import { PageQuerySchema, QueryId } from '../common/pagination';

export const OrganizationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  domain: z.string().nullable(),
  address: z.string().nullable(),
  country: z.string().nullable(),
  public_key: z.string().nullable().describe('PEM public key for end-to-end encryption'),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationCreateSchema = z.object({
  name: z.string().trim().min(1).max(128),
  domain: z.string().max(256).optional(),
  address: z.string().max(512).optional(),
  country: z.string().max(64).optional(),
  public_key: z.string().max(16384).optional().describe('PEM RSA public key (3072 or 4096 bits)'),
});
export type OrganizationCreate = z.infer<typeof OrganizationCreateSchema>;

export const OrganizationUpdateSchema = OrganizationCreateSchema.partial().extend({
  public_key: z
    .string()
    .max(16384)
    .nullable()
    .optional()
    .describe(
      'PEM RSA public key; null removes it (nothing can then be encrypted for the organization)',
    ),
});
export type OrganizationUpdate = z.infer<typeof OrganizationUpdateSchema>;

export const OrganizationQuerySchema = PageQuerySchema.extend({
  name: z.string().optional().describe('substring match'),
  collaboration_id: QueryId.optional(),
});
