import pino, { type Logger } from 'pino';

export type { Logger };

/** One pino logger per node; children add `run_id` and friends. */
export function createLogger(level: string, name = 'federa-node'): Logger {
  return pino({ name, level });
}
