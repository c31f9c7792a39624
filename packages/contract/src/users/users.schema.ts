import { z } from 'zod';
import { PageQuerySchema, QueryId, timestamp } from '../common/pagination';

export const PASSWORD_RULES =
  '8-128 characters with an upper-case letter, a lower-case letter, a digit and a symbol';

export const PasswordSchema = z
  .string()
  .min(8)
  .max(128)
  .refine((p) => /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p) && /[^A-Za-z0-9]/.test(p), {
    message: `password needs ${PASSWORD_RULES}`,
  });

export const UsernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(128)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only')
  .refine((u) => !/^\d+$/.test(u), { message: 'a username cannot be only digits' });

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  email: z.string().nullable(),
  firstname: z.string().nullable(),
  lastname: z.string().nullable(),
  organization_id: z.number().int(),
  roles: z.array(z.number().int()),
  rules: z.array(z.number().int()).describe('rules granted directly, beside the roles'),
  last_seen_at: timestamp.nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
  email: z.string().email().max(256).optional(),
  firstname: z.string().max(128).optional(),
  lastname: z.string().max(128).optional(),
  organization_id: z.number().int().positive().optional().describe('default: your organization'),
  roles: z.array(z.number().int().positive()).default([]),
  rules: z.array(z.number().int().positive()).default([]),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = UserCreateSchema.omit({
  username: true,
  password: true,
  organization_id: true,
})
  .partial()
  .extend({ password: PasswordSchema.optional() });
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const UserQuerySchema = PageQuerySchema.extend({
  username: z.string().optional().describe('substring match'),
  organization_id: QueryId.optional(),
  role_id: QueryId.optional(),
});

export const PermissionsSchema = z.object({
  user_id: z.number().int(),
  organization_id: z.number().int(),
  rules: z.array(z.object({ resource: z.string(), operation: z.string(), scope: z.string() })),
});
export type Permissions = z.infer<typeof PermissionsSchema>;
