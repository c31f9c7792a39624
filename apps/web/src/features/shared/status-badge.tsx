import type { NodeStatus, RunStatus } from '@federa/contract';

const LABELS: Record<RunStatus | NodeStatus, string> = {
  pending: 'pending',
  initializing: 'initializing',
  active: 'active',
  completed: 'completed',
  failed: 'failed',
  crashed: 'crashed',
  killed: 'killed',
  not_allowed: 'not allowed',
  online: 'online',
  offline: 'offline',
};

/** A coloured status word (the colour is decoration: the word carries the meaning). */
export function StatusBadge({ status }: { status: RunStatus | NodeStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {LABELS[status]}
    </span>
  );
}
