import { z } from 'zod';

// The node agent's config file. It lives in the contract because more than the node writes
// it: `federa node new` validates the file it generates against this schema. Reading the YAML
// (paths relative to the file, env overrides) stays in the node agent.

const seconds = z.number().positive();
const label = z
  .string()
  .min(1)
  .max(128)
  // The label becomes a file name in a container (/data/<label>.csv): keep it plain.
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits and . _ - only (it becomes a file name)');

const CsvDatabaseSchema = z
  .object({
    label,
    type: z.literal('csv'),
    path: z.string().min(1).describe('CSV file; relative paths are relative to the config file'),
  })
  .strict();

const SqlDatabaseSchema = z
  .object({
    label,
    type: z.literal('sql'),
    uri: z.string().min(1).describe('connection URI handed to the algorithm unchanged'),
  })
  .strict();

export const DatabaseConfigSchema = z.discriminatedUnion('type', [
  CsvDatabaseSchema,
  SqlDatabaseSchema,
]);
export type DatabaseConfig = z.infer<typeof DatabaseConfigSchema>;

/** Memory like 512m, 2g, 1048576 (bytes). */
const memory = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^\d+(\.\d+)?\s*[kmgKMG]?[bB]?$/, 'like 512m or 2g'),
  ])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const match = /^(\d+(?:\.\d+)?)\s*([kmgKMG]?)/.exec(value)!;
    const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
      match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'
    ];
    return Math.round(Number(match[1]) * unit);
  });

export const ProcessRuntimeConfigSchema = z
  .object({
    node: z
      .string()
      .min(1)
      .optional()
      .describe('node binary for algorithms; default: the one running the node'),
    images: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('image name → JS bundle file (relative to the config file)'),
  })
  .strict();

export const DockerRuntimeConfigSchema = z
  .object({
    host: z
      .string()
      .regex(
        /^(unix|tcp|http|https):\/\//,
        'like unix:///run/podman/podman.sock or tcp://host:2375',
      )
      .optional()
      .describe('Docker Engine API; default: DOCKER_HOST, then /var/run/docker.sock'),
    pull: z.boolean().default(true).describe('pull an image that is not present locally'),
    memory: memory.optional(),
    cpus: z.number().positive().max(1024).optional(),
    pids_limit: z.number().int().positive().default(512),
    user: z
      .string()
      .min(1)
      .optional()
      .describe('user the algorithm runs as, e.g. nobody or 65534:65534'),
    keep_containers: z.boolean().default(false),
    container_prefix: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/)
      .default('federa-run-')
      .describe('container name prefix; the run id follows'),
  })
  .strict();

export type DockerRuntimeConfig = z.infer<typeof DockerRuntimeConfigSchema>;

const imagePattern = z.string().min(1).max(512);

export const PoliciesSchema = z
  .object({
    allowed_images: z
      .array(imagePattern)
      .optional()
      .describe('exact names, prefixes ending in * or /, or name@sha256:digest; absent: any image'),
    allowed_organizations: z.array(z.number().int().positive()).optional().describe('absent: any'),
    allowed_users: z.array(z.number().int().positive()).optional().describe('absent: any'),
  })
  .strict();
export type Policies = z.infer<typeof PoliciesSchema>;

export const NodeEncryptionConfigSchema = z
  .object({
    private_key: z
      .string()
      .min(1)
      .describe(
        "PEM file of the organization's private key (relative to the config file); created when missing",
      ),
    replace_public_key: z
      .boolean()
      .default(false)
      .describe('publish our public key even when the organization has published a different one'),
  })
  .strict();
export type NodeEncryptionConfig = z.infer<typeof NodeEncryptionConfigSchema>;

export const NodeConfigSchema = z
  .object({
    server_url: z
      .string()
      .url()
      .describe('server origin, e.g. https://federa.example.org (no /api)'),
    api_key: z
      .string()
      .min(1)
      .describe('the API key the server showed when the node was registered'),
    name: z.string().min(1).optional().describe('a name for logs'),
    work_dir: z
      .string()
      .min(1)
      .default('.federa/node')
      .describe('run directories live here (relative to the config file)'),
    max_concurrent_runs: z.number().int().min(1).max(256).default(4),
    max_run_seconds: seconds
      .max(2_000_000) // ~23 days: a timer cannot wait longer
      .optional()
      .describe('a run still going this long after it started is stopped and reported failed'),
    poll_interval: seconds.default(30).describe('seconds between safety-net syncs'),
    heartbeat_interval: seconds.default(10),
    shutdown_timeout: seconds.default(30).describe('seconds to let running runs finish on SIGTERM'),
    keep_run_dirs: z.boolean().default(false),
    log_level: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    databases: z
      .array(DatabaseConfigSchema)
      .default([])
      .superRefine((dbs, ctx) => {
        const seen = new Set<string>();
        dbs.forEach((db, i) => {
          if (seen.has(db.label)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'label'],
              message: `label "${db.label}" is used twice`,
            });
          }
          seen.add(db.label);
        });
      }),
    runtime: z.enum(['process', 'docker']).default('process'),
    process: ProcessRuntimeConfigSchema.default({}),
    docker: DockerRuntimeConfigSchema.default({}),
    policies: PoliciesSchema.default({}),
    encryption: NodeEncryptionConfigSchema.optional().describe(
      'required when the collaboration is encrypted',
    ),
  })
  .strict();
export type NodeConfig = z.infer<typeof NodeConfigSchema>;
export type NodeConfigInput = z.input<typeof NodeConfigSchema>;
