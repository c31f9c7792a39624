import { realpathSync } from 'node:fs';
import Docker from 'dockerode';
import {
  CONTAINER_RUN_DIR,
  RUN_DIR_ENV,
  type DockerRuntimeConfig,
  type RunDatabase,
} from '@federa/contract';
import { type RunDatabaseSource, sqlRunDatabase } from '../databases';
import type { Logger } from '../logger';
import { demuxDockerLogs } from './docker-logs';
import { LogBuffer } from './log-buffer';
import {
  ImageUnavailableError,
  type AlgorithmExit,
  type RunSpec,
  type Runtime,
  type RunningAlgorithm,
} from './runtime';

/** Who owns a container: labels let a restarted node find the containers of its runs. */
export interface DockerIdentity {
  nodeId: number;
  serverUrl: string;
}

export const LABELS = {
  runId: 'federa.run_id',
  taskId: 'federa.task_id',
  node: 'federa.node',
  server: 'federa.server',
};

/** Where a CSV database appears inside the container. */
export const containerDataPath = (label: string) => `/data/${label}.csv`;

/** dockerode connection options from `unix:///path`, `tcp://host:port` or `http(s)://host:port`. */
export function dockerConnection(host: string | undefined): Docker.DockerOptions | undefined {
  if (!host) return undefined; // dockerode reads DOCKER_HOST, then /var/run/docker.sock
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return {
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 2376 : 2375)),
  };
}

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

/**
 * Runs each algorithm as a container through the Docker Engine API (Docker or Podman): no
 * network at all, the run dir at /run/federa, CSV files read-only at /data/<label>.csv, a
 * read-only root with a /tmp tmpfs, no capabilities, and the configured memory/CPU/pid limits.
 */
export class DockerRuntime implements Runtime {
  readonly kind = 'docker';
  private readonly docker: Docker;

  constructor(
    private readonly config: DockerRuntimeConfig,
    private readonly identity: DockerIdentity,
    private readonly log: Logger,
  ) {
    this.docker = new Docker(dockerConnection(config.host));
  }

  async init(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (error) {
      const where = this.config.host ?? process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
      throw new Error(`cannot reach the container engine at ${where}: ${(error as Error).message}`);
    }
    this.log.info({ host: this.config.host ?? process.env.DOCKER_HOST }, 'docker runtime ready');
  }

  contextDatabases(databases: RunDatabaseSource[]): RunDatabase[] {
    return databases.map((db) =>
      db.type === 'csv'
        ? { label: db.label, type: 'csv', uri: containerDataPath(db.label) }
        : sqlRunDatabase(db),
    );
  }

  async start(spec: RunSpec): Promise<RunningAlgorithm> {
    await this.ensureImage(spec.image);
    const name = `${this.config.container_prefix}${spec.runId}`;
    await this.removeQuietly(this.docker.getContainer(name)); // a leftover of an earlier life
    const binds = [
      `${realpathSync(spec.runDir)}:${CONTAINER_RUN_DIR}:rw`,
      ...spec.databases.flatMap((db) =>
        db.type === 'csv' ? [`${realpathSync(db.hostPath)}:${containerDataPath(db.label)}:ro`] : [],
      ),
    ];
    const container = await this.docker.createContainer({
      name,
      Image: spec.image,
      Env: [`${RUN_DIR_ENV}=${CONTAINER_RUN_DIR}`],
      Labels: {
        [LABELS.runId]: String(spec.runId),
        [LABELS.taskId]: String(spec.taskId),
        [LABELS.node]: String(this.identity.nodeId),
        [LABELS.server]: this.identity.serverUrl,
      },
      ...(this.config.user ? { User: this.config.user } : {}),
      HostConfig: {
        NetworkMode: 'none',
        Binds: binds,
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=256m' },
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        PidsLimit: this.config.pids_limit,
        ...(this.config.memory
          ? { Memory: this.config.memory, MemorySwap: this.config.memory }
          : {}),
        ...(this.config.cpus ? { NanoCpus: Math.round(this.config.cpus * 1e9) } : {}),
      },
    });
    try {
      await container.start();
    } catch (error) {
      await this.removeQuietly(container);
      throw error;
    }
    this.log.debug({ run_id: spec.runId, container: name, image: spec.image }, 'container started');
    return new ContainerAlgorithm(container, this.config.keep_containers, this);
  }

  async recover(runId: number): Promise<RunningAlgorithm | undefined> {
    const found = await this.docker.listContainers({
      all: true,
      filters: {
        label: [
          `${LABELS.runId}=${runId}`,
          `${LABELS.node}=${this.identity.nodeId}`,
          `${LABELS.server}=${this.identity.serverUrl}`,
        ],
      },
    });
    let attached: RunningAlgorithm | undefined;
    for (const info of found) {
      const container = this.docker.getContainer(info.Id);
      // Running: wait for it again. Exited while the node was away: its exit code and logs
      // are still there, so it is reported as if the node had never left.
      if (!attached && (info.State === 'running' || info.State === 'exited')) {
        attached = new ContainerAlgorithm(container, this.config.keep_containers, this);
        this.log.info(
          { run_id: runId, container: info.Names[0], state: info.State },
          're-attached to a container',
        );
      } else {
        await this.removeQuietly(container);
      }
    }
    return attached;
  }

  /** Removes a container, ignoring "not there". */
  async removeQuietly(container: Docker.Container): Promise<void> {
    try {
      await container.remove({ force: true });
    } catch (error) {
      if (statusOf(error) !== 404) this.log.warn({ err: error }, 'could not remove a container');
    }
  }

  /** Makes sure the image is present: pull it when missing and allowed. */
  private async ensureImage(image: string): Promise<void> {
    try {
      await this.docker.getImage(image).inspect();
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    if (!this.config.pull) {
      throw new ImageUnavailableError(
        `image "${image}" not available: not present on this node and pulling is disabled`,
      );
    }
    this.log.info({ image }, 'pulling image');
    try {
      const stream = await this.docker.pull(image);
      const events = await new Promise<{ error?: string }[]>((resolve, reject) =>
        this.docker.modem.followProgress(
          stream,
          (err: Error | null, output: { error?: string }[]) =>
            err ? reject(err) : resolve(output),
        ),
      );
      // A failed pull ends "successfully" with an error event in the stream.
      const failure = events.find((e) => e.error)?.error;
      if (failure) throw new Error(failure);
      await this.docker.getImage(image).inspect();
    } catch (error) {
      throw new ImageUnavailableError(
        `image "${image}" not available: pull failed: ${(error as Error).message}`,
      );
    }
  }
}

class ContainerAlgorithm implements RunningAlgorithm {
  private result: Promise<AlgorithmExit> | undefined;

  constructor(
    private readonly container: Docker.Container,
    private readonly keep: boolean,
    private readonly runtime: DockerRuntime,
  ) {}

  wait(): Promise<AlgorithmExit> {
    this.result ??= this.collect();
    return this.result;
  }

  async kill(): Promise<void> {
    try {
      await this.container.kill();
    } catch (error) {
      // 304/409: not running any more; 404: gone. Either way it is stopped.
      if (![304, 404, 409].includes(statusOf(error) ?? 0)) throw error;
    }
  }

  private async collect(): Promise<AlgorithmExit> {
    // wait() returns at once for a container that has already exited.
    const { StatusCode } = (await this.container.wait()) as { StatusCode: number };
    const raw = (await this.container.logs({
      stdout: true,
      stderr: true,
      follow: false,
    })) as unknown as Buffer;
    const logs = new LogBuffer();
    logs.push(demuxDockerLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))));
    if (!this.keep) await this.runtime.removeQuietly(this.container);
    return { exitCode: StatusCode, log: logs.toString() };
  }
}
