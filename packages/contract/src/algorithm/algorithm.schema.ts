import { z } from 'zod';

/**
 * The file protocol between a node and the algorithm it runs. The node lays out one run
 * directory per run (mounted at `/run/federa` in a container, or passed as FEDERA_RUN_DIR to a
 * child process) holding these files:
 *
 *   input.json    AlgorithmInput (already decrypted by the node)
 *   context.json  RunContext
 *   token         the run's container token (plain text)
 *   proxy.sock    unix socket of the node's proxy, for subtasks (absent when disabled)
 *   output.json   written by the algorithm: any JSON value, the run's result
 */
export const RUN_DIR_ENV = 'FEDERA_RUN_DIR';
export const CONTAINER_RUN_DIR = '/run/federa';
export const RUN_FILES = {
  input: 'input.json',
  context: 'context.json',
  token: 'token',
  proxySocket: 'proxy.sock',
  output: 'output.json',
} as const;

export const AlgorithmInputSchema = z
  .object({
    method: z.string().min(1).describe('name of the function to call, e.g. "central" or "partial"'),
    args: z.record(z.unknown()).default({}).describe('named arguments passed to the function'),
  })
  .describe('what a task asks an algorithm to do; a task input string is this as JSON');
export type AlgorithmInput = z.infer<typeof AlgorithmInputSchema>;

export const DatabaseKindSchema = z.enum(['csv', 'sql']);
export type DatabaseKind = z.infer<typeof DatabaseKindSchema>;

export const RunDatabaseSchema = z.object({
  label: z.string().describe('label the node config gives the database'),
  type: DatabaseKindSchema,
  uri: z.string().describe('file path (as seen by the algorithm) or SQL connection URI'),
  query: z.string().optional().describe("the task's query for a SQL database, to run as given"),
});
export type RunDatabase = z.infer<typeof RunDatabaseSchema>;

export const RunContextSchema = z.object({
  taskId: z.number().int(),
  runId: z.number().int(),
  organizationId: z.number().int(),
  collaborationId: z.number().int(),
  image: z.string(),
  databases: z.array(RunDatabaseSchema).describe('the databases the task asked for, in its order'),
});
export type RunContext = z.infer<typeof RunContextSchema>;

/** Body of `POST /task` on the node proxy: a subtask in the run's collaboration, same image. */
export const SubtaskCreateSchema = z.object({
  name: z.string().max(200).optional(),
  description: z.string().max(1024).optional(),
  input: AlgorithmInputSchema,
  organization_ids: z.array(z.number().int().positive()).min(1),
  databases: z.array(z.string()).optional().describe("database labels; default: the parent run's"),
});
export type SubtaskCreate = z.infer<typeof SubtaskCreateSchema>;
