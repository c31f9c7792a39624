import { mkdirSync } from 'node:fs';
import { FederaApiError, ok } from '@federa/client';
import type { Node, NodeConfig, Run } from '@federa/contract';
import { createLogger, type Logger } from './logger';
import { prepareEncryption } from './encryption/setup';
import { RunExecutor } from './runs/run-executor';
import { RunReporter, type ReporterOptions } from './runs/run-reporter';
import { RunScheduler } from './runs/run-scheduler';
import { createRuntime, type Runtime } from './runtimes';
import { NodeSocket } from './server/node-socket';
import { ServerSession } from './server/session';

export interface StartNodeOptions {
  log?: Logger;
  /** SIGTERM/SIGINT → graceful stop (the CLI sets it; tests run several nodes in one process). */
  handleSignals?: boolean;
  /** Replaces the runtime the config names (tests). */
  runtime?: Runtime;
  reporter?: ReporterOptions;
}

const PAGE = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The node's lifecycle in one place. start: log in, set up encryption, check the runtime,
 * connect the socket, sync. Running: every (re)connect and every poll interval syncs with the server's open runs;
 * socket events start and kill runs in between. stop (SIGTERM): take no new runs, let the
 * running ones finish and report within `shutdown_timeout`, stop and report the rest, then
 * disconnect and log out.
 */
export class NodeDaemon {
  node: Node | undefined;
  private readonly session: ServerSession;
  private runtime: Runtime | undefined;
  private scheduler: RunScheduler | undefined;
  private socket: NodeSocket | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private stopping: Promise<void> | undefined;
  private signalHandler: (() => void) | undefined;
  private markStopped: () => void = () => undefined;
  /** Resolves once the node has stopped (after `stop()`, or a signal). */
  readonly stopped = new Promise<void>((resolve) => {
    this.markStopped = resolve;
  });
  readonly log: Logger;

  constructor(
    readonly config: NodeConfig,
    private readonly options: StartNodeOptions = {},
  ) {
    this.log = options.log ?? createLogger(config.log_level);
    if (config.name) this.log = this.log.child({ node: config.name });
    this.session = new ServerSession(config.server_url, config.api_key, this.log);
  }

  get nodeId(): number {
    return this.session.nodeId;
  }

  /** Runs claimed and under way right now. */
  runningRunIds(): number[] {
    return this.scheduler?.claimed().map((h) => h.runId) ?? [];
  }

  async start(): Promise<void> {
    const { config } = this;
    mkdirSync(config.work_dir, { recursive: true });
    await this.login();
    this.node = ok(
      await this.session.call((api) => api.nodes.get({ params: { id: this.session.nodeId } })),
    );
    this.log.info(
      {
        node_id: this.node.id,
        organization_id: this.node.organization_id,
        collaboration_id: this.node.collaboration_id,
      },
      `logged in as node "${this.node.name}"`,
    );

    const codec = await prepareEncryption(config, this.session, this.node, this.log);

    this.runtime =
      this.options.runtime ??
      createRuntime(
        config,
        { nodeId: this.session.nodeId, serverUrl: config.server_url },
        this.log,
      );
    await this.runtime.init();

    const reporter = new RunReporter(this.session, this.log, this.options.reporter);
    const executor = new RunExecutor({
      config,
      session: this.session,
      runtime: this.runtime,
      reporter,
      log: this.log,
      codec,
    });
    this.scheduler = new RunScheduler(
      config.max_concurrent_runs,
      (job, handle) =>
        job.kind === 'pending' ? executor.runPending(handle) : executor.resume(handle, job.run),
      this.log,
    );

    this.socket = new NodeSocket({
      serverUrl: config.server_url,
      token: () => this.session.accessToken,
      renew: () => this.session.renew(),
      onConnect: () => void this.sync(),
      onNewTask: (event) => {
        for (const runId of event.run_ids) this.scheduler?.submit({ kind: 'pending', runId });
      },
      onKillTask: (event) => {
        for (const runId of event.run_ids) this.scheduler?.stop(runId, 'killed');
      },
      runIds: () => this.runningRunIds(),
      heartbeatMs: config.heartbeat_interval * 1000,
      log: this.log,
    });
    this.socket.start();
    // The server closes a socket when its token expires: move to each new token ahead of that.
    this.session.onRenewed = () => this.socket?.rotate();
    this.pollTimer = setInterval(() => void this.sync(), config.poll_interval * 1000);
    if (this.options.handleSignals) this.handleSignals();
    await this.sync();
  }

  /**
   * Brings the node in line with the server: claims pending runs, picks up runs a restart left
   * behind, and stops runs the server has finished meanwhile (a kill whose event was lost).
   * Concurrent calls share one sync (and one more runs after it if asked for meanwhile).
   */
  sync(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        try {
          await this.syncOnce();
        } catch (error) {
          this.log.warn({ err: error }, 'sync failed; retrying at the next one');
        }
      } while (this.syncAgain && !this.stopping);
    })().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const scheduler = this.scheduler!;
    const startedAt = Date.now();
    const open = await this.openRuns();
    const openIds = new Set(open.map((r) => r.id));
    for (const run of open) {
      if (scheduler.knows(run.id)) continue;
      if (run.status === 'pending') scheduler.submit({ kind: 'pending', runId: run.id });
      else if (run.node_id === this.nodeId)
        scheduler.submit({ kind: 'resume', runId: run.id, run });
    }
    for (const handle of scheduler.claimed()) {
      if (handle.claimedAt < startedAt && !openIds.has(handle.runId)) {
        this.log.info({ run_id: handle.runId }, 'the server has finished this run: stopping it');
        scheduler.stop(handle.runId, 'gone');
      }
    }
  }

  /** Every open run of this node's organization in its collaboration (all pages). */
  private async openRuns(): Promise<Run[]> {
    const runs: Run[] = [];
    for (let page = 1; ; page++) {
      const body = ok(
        await this.session.call((api) =>
          api.runs.list({ query: { state: 'open', per_page: PAGE, page } }),
        ),
      );
      runs.push(...body.data);
      if (body.data.length < PAGE || runs.length >= body.total) return runs;
    }
  }

  /** Graceful stop; calling it again returns the same promise. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const { config } = this;
    this.log.info('stopping: no new runs; waiting for running ones');
    clearInterval(this.pollTimer);
    // A sync still under way cannot add runs: the scheduler takes none from here on.
    const scheduler = this.scheduler;
    if (scheduler) {
      scheduler.stopAccepting();
      if (!(await scheduler.idle(config.shutdown_timeout * 1000))) {
        this.log.warn(
          { runs: this.runningRunIds() },
          'runs still going at the shutdown timeout: stopping them',
        );
        scheduler.stopAll('shutdown');
        // Their algorithms are being killed; give the reports time to reach the server.
        if (!(await scheduler.idle(60_000)))
          this.log.error('some runs could not be reported before exit');
      }
    }
    this.socket?.stop();
    await this.session.close();
    if (this.signalHandler) {
      process.off('SIGTERM', this.signalHandler);
      process.off('SIGINT', this.signalHandler);
    }
    this.log.info('stopped');
    this.markStopped();
  }

  /** Logs in; retries while the server is unreachable, gives up at once on a refused key. */
  private async login(): Promise<void> {
    for (let delay = 1000; ; delay = Math.min(30_000, delay * 2)) {
      try {
        await this.session.login();
        return;
      } catch (error) {
        if (error instanceof FederaApiError) {
          throw new Error(`the server refused this node's API key: ${error.body.message}`);
        }
        if (this.stopping) throw error;
        this.log.warn({ err: error, retry_in_ms: delay }, `cannot reach ${this.config.server_url}`);
        await sleep(delay);
      }
    }
  }

  private handleSignals(): void {
    let signals = 0;
    this.signalHandler = () => {
      if (++signals > 1) {
        this.log.warn('second signal: stopping runs now');
        this.scheduler?.stopAll('shutdown');
        return;
      }
      void this.stop();
    };
    process.on('SIGTERM', this.signalHandler);
    process.on('SIGINT', this.signalHandler);
  }
}

/** Starts a node and returns it running. */
export async function startNode(
  config: NodeConfig,
  options: StartNodeOptions = {},
): Promise<NodeDaemon> {
  const daemon = new NodeDaemon(config, options);
  try {
    await daemon.start();
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return daemon;
}
