import type { Result, Run, RunReceipt } from '@federa/contract';
import { iso } from '../common/pagination';
import type { RunEntity } from './run.entity';

export const toRunReceipt = (e: RunEntity): RunReceipt => ({
  id: e.id,
  task_id: e.taskId,
  organization_id: e.organizationId,
  node_id: e.nodeId,
  status: e.status,
  status_reason: e.statusReason,
  assigned_at: e.assignedAt.toISOString(),
  started_at: iso(e.startedAt),
  finished_at: iso(e.finishedAt),
});

export const toRun = (e: RunEntity): Run => ({
  ...toRunReceipt(e),
  input: e.input,
  result: e.result,
  log: e.log,
});

export const toResult = (e: RunEntity): Result => ({
  id: e.id,
  run_id: e.id,
  task_id: e.taskId,
  organization_id: e.organizationId,
  node: e.nodeId,
  status: e.status,
  result: e.result,
  log: e.log,
  finished_at: iso(e.finishedAt),
});
