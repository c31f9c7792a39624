import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Docker from 'dockerode';
import { dockerConnection } from '../../src/runtimes/docker-runtime';

export const DOCKER_HOST = process.env.DOCKER_HOST ?? 'unix:///run/podman/podman.sock';
export const BASE_IMAGE = 'localhost/federa/node-base:20';

export const docker = () => new Docker(dockerConnection(DOCKER_HOST));

/**
 * Whether the container engine and the base image are there (`bash .ci/podman.sh` sets both
 * up). Synchronous, so a suite can pick `describe` or `describe.skip`. In CI their absence is
 * an error; elsewhere the docker suite is skipped with a notice.
 */
/** Throws, with what to do, unless the engine answers and the base image is there. */
export function assertEngineReady(): void {
  const probe = `
    const Docker = require('dockerode');
    const d = new Docker(${JSON.stringify(dockerConnection(DOCKER_HOST) ?? {})});
    d.ping().then(() => d.getImage(${JSON.stringify(BASE_IMAGE)}).inspect()).then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: path.resolve(__dirname, '..'),
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (result.status === 0) return;
  throw new Error(
    `container engine or ${BASE_IMAGE} not ready at ${DOCKER_HOST} (run bash .ci/podman.sh): ${result.stderr.trim()}`,
  );
}

/** Builds the fixture algorithm's image FROM the base image. */
export async function buildFixtureImage(tag: string): Promise<void> {
  const d = docker();
  const stream = await d.buildImage(
    { context: path.resolve(__dirname, '../fixtures'), src: ['Containerfile', 'algorithm.js'] },
    { t: tag, dockerfile: 'Containerfile' },
  );
  const output = await new Promise<{ error?: string }[]>((resolve, reject) =>
    d.modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) =>
      err ? reject(err) : resolve(res),
    ),
  );
  const failure = output.find((e) => e.error);
  if (failure) throw new Error(`building ${tag} failed: ${failure.error}`);
}

/** Containers carrying a label (all states). */
export function containersLabelled(label: string) {
  return docker().listContainers({ all: true, filters: { label: [label] } });
}
