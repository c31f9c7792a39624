import type { RunResultCreate } from '@federa/contract';
import { looksLikeEnvelope } from '@federa/crypto';
import type { Logger } from '../logger';
import type { ServerSession } from '../server/session';

export type RunReport = RunResultCreate;

export type ReportOutcome =
  /** the server stored this report */
  | 'accepted'
  /** the run had already finished on the server (e.g. a user killed it): nothing to add */
  | 'already-finished'
  /** the server could not be told, even after retries */
  | 'lost';

const MAX_REASON = 4096;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ReporterOptions {
  /** Attempts while the server is unreachable or failing (5xx); default 10 (~1 min). */
  attempts?: number;
  /** First wait between attempts (ms), doubling up to 10 s; default 500. */
  retryDelayMs?: number;
}

/** Posts runs' progress and final reports; the final report is retried so it is not lost. */
export class RunReporter {
  constructor(
    private readonly session: ServerSession,
    private readonly log: Logger,
    private readonly options: ReporterOptions = {},
  ) {}

  /** Best effort: the run's final report matters, its `active` mark only informs users. */
  async markActive(runId: number): Promise<void> {
    try {
      await this.session.call((api) =>
        api.runs.update({ params: { id: runId }, body: { status: 'active' } }),
      );
    } catch (error) {
      this.log.debug({ err: error, run_id: runId }, 'could not mark the run active');
    }
  }

  async report(runId: number, report: RunReport): Promise<ReportOutcome> {
    const body: RunReport = {
      ...report,
      ...(report.reason ? { reason: report.reason.slice(0, MAX_REASON) } : {}),
    };
    const attempts = this.options.attempts ?? 10;
    let delay = this.options.retryDelayMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.session.call((api) =>
          api.runs.submitResult({ params: { id: runId }, body }),
        );
        switch (response.status) {
          case 200:
            this.log.info(
              { run_id: runId, status: body.status, reason: body.reason },
              'run reported',
            );
            return 'accepted';
          case 409:
            this.log.info(
              { run_id: runId, status: body.status },
              'run had already finished on the server',
            );
            return 'already-finished';
          case 400:
            // Refused as sent (e.g. a result the server will not store): report why instead.
            if (body.status !== 'failed' || body.result !== undefined) {
              return this.report(runId, {
                status: 'failed',
                reason: `the node could not upload the run's report: ${response.body.message}`,
                // an encrypted log cannot be cut short: it goes without
                ...(body.log !== undefined && !looksLikeEnvelope(body.log)
                  ? { log: body.log.slice(-100_000) }
                  : {}),
              });
            }
            break;
          default:
            if (response.status < 500) {
              this.log.error(
                { run_id: runId, status: response.status, body: response.body },
                'run report refused',
              );
              return 'lost';
            }
        }
      } catch (error) {
        this.log.warn(
          { err: error, run_id: runId, attempt },
          'could not reach the server to report a run',
        );
      }
      if (attempt >= attempts) {
        this.log.error({ run_id: runId, status: body.status }, 'giving up reporting the run');
        return 'lost';
      }
      await sleep(delay);
      delay = Math.min(10_000, delay * 2);
    }
  }
}
