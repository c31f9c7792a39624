import { z } from 'zod';

export const UserLoginSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type UserLogin = z.infer<typeof UserLoginSchema>;

export const TokenPairSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  expires_in: z.number().int().describe('seconds until the access token expires'),
});
export type TokenPair = z.infer<typeof TokenPairSchema>;

export const UserTokenSchema = TokenPairSchema.extend({
  user_url: z.string(),
});
export type UserToken = z.infer<typeof UserTokenSchema>;

export const NodeLoginSchema = z.object({ api_key: z.string().min(1).max(256) });

export const NodeTokenSchema = TokenPairSchema.extend({
  node_url: z.string(),
});
export type NodeToken = z.infer<typeof NodeTokenSchema>;

export const ContainerTokenRequestSchema = z.object({
  run_id: z.number().int().positive().describe('the claimed run the container executes'),
});

export const ContainerTokenSchema = z.object({
  container_token: z.string(),
  expires_in: z.number().int(),
});
export type ContainerToken = z.infer<typeof ContainerTokenSchema>;

export const RefreshSchema = z.object({ refresh_token: z.string().min(1).max(4096) });

/** Who a token speaks for. */
export const IdentityKindSchema = z.enum(['user', 'node', 'container']);
export type IdentityKind = z.infer<typeof IdentityKindSchema>;
