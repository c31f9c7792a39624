import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { NodeConfigSchema, type NodeConfig } from '@federa/contract';

/** Unix sockets are limited to ~107 bytes; `<work_dir>/runs/<run id>/proxy.sock` must fit. */
const MAX_WORK_DIR_LENGTH = 80;

/** A configuration that cannot be used; the message names every offending field. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `invalid node configuration (${source}):\n` +
        issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Values given on the command line or in the environment; they win over the file. */
export interface ConfigOverrides {
  server_url?: string;
  api_key?: string;
  runtime?: string;
  work_dir?: string;
  log_level?: string;
}

/** Reads, merges and validates a YAML config file. Paths in it become absolute. */
export function loadConfigFile(file: string, overrides: ConfigOverrides = {}): NodeConfig {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(absolute, [
      { path: '', message: `cannot read the file: ${(error as Error).message}` },
    ]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      absolute,
      doc.errors.map((e) => ({
        path: '',
        message: `YAML: ${e.message.split('\n')[0] ?? e.message}`,
      })),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  return parseConfig(raw, { source: absolute, baseDir: path.dirname(absolute), overrides });
}

/** Validates a config object (from a file, or built in code: tests, the demo). */
export function parseConfig(
  raw: unknown,
  options: { source?: string; baseDir?: string; overrides?: ConfigOverrides } = {},
): NodeConfig {
  const source = options.source ?? 'config';
  const baseDir = options.baseDir ?? process.cwd();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(source, [{ path: '', message: 'expected a mapping of settings' }]);
  }
  const defined = Object.fromEntries(
    Object.entries(options.overrides ?? {}).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  const parsed = NodeConfigSchema.safeParse({ ...raw, ...defined });
  if (!parsed.success) {
    throw new ConfigError(
      source,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const config = resolvePaths(parsed.data, baseDir);
  const problems = checkFiles(config);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

function resolvePaths(config: NodeConfig, baseDir: string): NodeConfig {
  const abs = (p: string) => path.resolve(baseDir, p);
  return {
    ...config,
    server_url: config.server_url.replace(/\/+$/, ''),
    work_dir: abs(config.work_dir),
    databases: config.databases.map((db) =>
      db.type === 'csv' ? { ...db, path: abs(db.path) } : db,
    ),
    process: {
      ...config.process,
      images: Object.fromEntries(
        Object.entries(config.process.images).map(([image, file]) => [image, abs(file)]),
      ),
    },
    ...(config.encryption && {
      encryption: { ...config.encryption, private_key: abs(config.encryption.private_key) },
    }),
  };
}

/** Problems the schema cannot see: missing files, a work dir too long for unix sockets. */
function checkFiles(config: NodeConfig): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  config.databases.forEach((db, i) => {
    if (db.type !== 'csv') return;
    if (!existsSync(db.path))
      problems.push({ path: `databases.${i}.path`, message: `file not found: ${db.path}` });
    else if (!statSync(db.path).isFile()) {
      problems.push({ path: `databases.${i}.path`, message: `not a file: ${db.path}` });
    }
  });
  if (config.work_dir.length > MAX_WORK_DIR_LENGTH) {
    problems.push({
      path: 'work_dir',
      message: `${config.work_dir} is longer than ${MAX_WORK_DIR_LENGTH} characters: the proxy's unix socket path would not fit`,
    });
  }
  return problems;
}

/**
 * Things that work but deserve a look; not errors, because a bundle may be built after the
 * node starts (a run of a missing bundle then fails with a clear reason).
 */
export function configWarnings(config: NodeConfig): string[] {
  const warnings: string[] = [];
  if (config.runtime === 'process') {
    for (const [image, file] of Object.entries(config.process.images)) {
      if (!existsSync(file))
        warnings.push(`process.images.${image}: bundle not found (yet): ${file}`);
    }
  }
  if (config.encryption && !existsSync(config.encryption.private_key)) {
    warnings.push(
      `encryption.private_key: ${config.encryption.private_key} does not exist: the node will create a new key pair there and publish its public key (unless the organization has one already)`,
    );
  }
  const p = config.policies;
  if (!p.allowed_images)
    warnings.push('policies.allowed_images is not set: any image may run on this node');
  if (!p.allowed_organizations && !p.allowed_users) {
    warnings.push(
      'policies.allowed_organizations/allowed_users are not set: any member of the collaboration may send tasks',
    );
  }
  return warnings;
}
