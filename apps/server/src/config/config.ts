import path from 'node:path';
import { z } from 'zod';

const seconds = z.coerce.number().int().positive();

/** The server's whole configuration, read from the environment once at boot. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(7601),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .url()
    .optional()
    .describe('Postgres connection string; unset means embedded PGlite in DATA_DIR'),
  DATA_DIR: z.string().default(path.resolve('.federa/server')),
  REDIS_URL: z.string().url().optional().describe('set to fan socket events out across instances'),
  JWT_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe('signing secret; unset means one generated once and kept in the database'),
  ACCESS_TOKEN_TTL: seconds.default(15 * 60),
  REFRESH_TOKEN_TTL: seconds.default(7 * 24 * 3600),
  CONTAINER_TOKEN_TTL: seconds.default(24 * 3600),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOCKOUT_SECONDS: seconds.default(15 * 60),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  CALLER_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5000)
    .describe('how long a resolved caller is reused without reading the database; 0 = never'),
  NODE_HEARTBEAT_TIMEOUT: seconds.default(60).describe('node silent this long → offline'),
  ROOT_USERNAME: z.string().optional().describe('first administrator, created if missing'),
  ROOT_PASSWORD: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid server configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const CONFIG = Symbol('CONFIG');
