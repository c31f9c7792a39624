import { z } from 'zod';
import { NodeStatusSchema } from '../nodes/nodes.schema';
import { RunStatusSchema } from '../runs/runs.schema';

/** socket.io namespace for everything task-related (as in vantage6 and the seed). */
export const TASKS_NAMESPACE = '/tasks';

/** Room names. A client may join only rooms its identity may see. */
export const rooms = {
  collaboration: (id: number) => `collaboration_${id}`,
  organization: (collaborationId: number, organizationId: number) =>
    `collaboration_${collaborationId}_organization_${organizationId}`,
  node: (id: number) => `node_${id}`,
} as const;

export const RunStatusEventSchema = z.object({
  run_id: z.number().int(),
  task_id: z.number().int(),
  job_id: z.number().int(),
  parent_id: z.number().int().nullable(),
  collaboration_id: z.number().int(),
  organization_id: z.number().int(),
  node_id: z.number().int().nullable(),
  status: RunStatusSchema,
  status_reason: z.string().nullable(),
});
export type RunStatusEvent = z.infer<typeof RunStatusEventSchema>;

export const TaskStatusEventSchema = z.object({
  task_id: z.number().int(),
  job_id: z.number().int(),
  parent_id: z.number().int().nullable(),
  collaboration_id: z.number().int(),
  status: RunStatusSchema,
  complete: z.boolean(),
});
export type TaskStatusEvent = z.infer<typeof TaskStatusEventSchema>;

export const NewTaskEventSchema = z.object({
  task_id: z.number().int(),
  parent_id: z.number().int().nullable(),
  collaboration_id: z.number().int(),
  run_ids: z.array(z.number().int()).describe('the runs for the receiving node'),
});
export type NewTaskEvent = z.infer<typeof NewTaskEventSchema>;

export const NodeStatusEventSchema = z.object({
  node_id: z.number().int(),
  name: z.string(),
  organization_id: z.number().int(),
  collaboration_id: z.number().int(),
  status: NodeStatusSchema,
});
export type NodeStatusEvent = z.infer<typeof NodeStatusEventSchema>;

export const KillTaskEventSchema = z.object({
  task_id: z.number().int(),
  collaboration_id: z.number().int(),
  run_ids: z.array(z.number().int()).describe('the runs to stop on the receiving node'),
});
export type KillTaskEvent = z.infer<typeof KillTaskEventSchema>;

export const JoinRoomSchema = z.string().min(1).max(128);
export const JoinResultSchema = z.union([
  z.object({ ok: z.literal(true), room: z.string() }),
  z.object({ ok: z.literal(false), room: z.string(), error: z.string() }),
]);
export type JoinResult = z.infer<typeof JoinResultSchema>;

/** A node's liveness signal, with the runs it is executing right now. */
export const HeartbeatSchema = z.object({ run_ids: z.array(z.number().int()).max(10_000) });
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export interface ServerToClientEvents {
  /** seed-compatible: the id of the result (run) whose status changed */
  status_update: (runId: number) => void;
  run_status: (event: RunStatusEvent) => void;
  task_status: (event: TaskStatusEvent) => void;
  new_task: (event: NewTaskEvent) => void;
  kill_task: (event: KillTaskEvent) => void;
  node_status: (event: NodeStatusEvent) => void;
  /** a room join was refused (also answered through the ack, when one is given) */
  room_error: (event: { room: string; error: string }) => void;
  /** the token behind this connection expired; the client should reconnect with a fresh one */
  token_expired: () => void;
}

export interface ClientToServerEvents {
  join_room: (room: string, ack?: (result: JoinResult) => void) => void;
  leave_room: (room: string, ack?: (result: JoinResult) => void) => void;
  heartbeat: (beat: Heartbeat, ack?: (result: { ok: boolean }) => void) => void;
}
