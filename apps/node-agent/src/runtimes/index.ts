import type { NodeConfig } from '@federa/contract';
import type { Logger } from '../logger';
import { DockerRuntime, type DockerIdentity } from './docker-runtime';
import { ProcessRuntime } from './process-runtime';
import type { Runtime } from './runtime';

export * from './runtime';
export { DockerRuntime, type DockerIdentity } from './docker-runtime';
export { ProcessRuntime } from './process-runtime';

/** The runtime the config names. */
export function createRuntime(config: NodeConfig, identity: DockerIdentity, log: Logger): Runtime {
  switch (config.runtime) {
    case 'docker':
      return new DockerRuntime(config.docker, identity, log.child({ runtime: 'docker' }));
    case 'process':
      return new ProcessRuntime(
        {
          images: config.process.images,
          ...(config.process.node ? { node: config.process.node } : {}),
        },
        log.child({ runtime: 'process' }),
      );
  }
}
