import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './errors';

/** Where `federa` keeps its tokens: $FEDERA_CONFIG, else the XDG config directory. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FEDERA_CONFIG) return path.resolve(env.FEDERA_CONFIG);
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'federa', 'config.json');
}

const StoredSessionSchema = z.object({
  username: z.string(),
  access_token: z.string(),
  refresh_token: z.string(),
  expires_at: z.number(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

const UserConfigSchema = z.object({
  /** the server of the last login, used when neither --server nor FEDERA_SERVER is given */
  server: z.string().optional(),
  /** one session per server origin */
  sessions: z.record(StoredSessionSchema).default({}),
});
export type UserConfig = z.infer<typeof UserConfigSchema>;

export function readConfig(file: string): UserConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: {} };
    throw configError(file, (error as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw configError(file, 'not valid JSON');
  }
  const parsed = UserConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw configError(file, `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Writes the whole file atomically, readable by its owner only (0600, directory 0700): it
 * holds refresh tokens. A rename keeps a crash from leaving half a file.
 */
export function writeConfig(file: string, config: UserConfig): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
}

/** Reads, changes and writes the file in one step (re-read so other fields stay current). */
export function updateConfig(file: string, change: (config: UserConfig) => void): void {
  const config = readConfig(file);
  change(config);
  writeConfig(file, config);
}

function configError(file: string, detail: string): CliError {
  return new CliError(EXIT.error, {
    statusCode: 0,
    error: 'config',
    message: `cannot read ${file}: ${detail} (fix or delete it, then run \`federa login\`)`,
  });
}
