import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfigFile } from '@federa/node';
import { ConfigSchema } from '@federa/server';

/**
 * docker-compose.yml cannot run on the CI machine (no Docker engine), so its configuration is
 * checked against the apps' own config schemas instead.
 */
const ROOT = path.resolve(__dirname, '../../..');
interface Service {
  build?: { dockerfile: string };
  image?: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  configs?: { source: string; target: string }[];
  depends_on?: unknown;
}
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service>; configs: Record<string, { file: string }> };

/** `${VAR:?message}` as compose substitutes it, with a stand-in value for the check. */
const substitute = (value: string) =>
  value.replace(/\$\{([A-Z_]+)(:\?[^}]*)?\}/g, (_, name: string) =>
    name.includes('SECRET') ? 'x'.repeat(40) : `stand-in-${name.toLowerCase()}`,
  );

describe('docker-compose.yml', () => {
  it('has Postgres, Redis, two server replicas behind one gateway, the web UI and nodes', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['gateway', 'node-a', 'node-b', 'postgres', 'redis', 'server-1', 'server-2', 'web'].sort(),
    );
    expect(compose.services.gateway!.ports).toEqual(['7601:7601']);
    expect(compose.services.web!.ports).toEqual(['3000:3000']);
    const nginx = readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
    expect(nginx).toContain('server server-1:7601');
    expect(nginx).toContain('server server-2:7601');
  });

  it.each(['server-1', 'server-2'])(
    'gives %s a valid server configuration on Postgres and Redis',
    (name) => {
      const env = Object.fromEntries(
        Object.entries(compose.services[name]!.environment ?? {}).map(([k, v]) => [
          k,
          substitute(String(v)),
        ]),
      );
      const config = ConfigSchema.parse(env);
      expect(config.DATABASE_URL).toMatch(/^postgres:\/\/federa:.*@postgres:5432\/federa$/);
      expect(config.REDIS_URL).toBe('redis://redis:6379');
      expect(config.PORT).toBe(7601);
    },
  );

  it.each(['node-a', 'node-b'])(
    'gives %s a valid node configuration on the Docker runtime',
    (name) => {
      const service = compose.services[name]!;
      const source = service.configs![0]!.source;
      const file = path.join(ROOT, compose.configs[source]!.file);
      const config = loadConfigFile(file, { api_key: 'stand-in-key' });
      expect(config.runtime).toBe('docker');
      expect(config.server_url).toBe('http://gateway:7601');
      expect(service.environment).toHaveProperty('FEDERA_API_KEY');
      expect(service.volumes).toContain('/var/run/docker.sock:/var/run/docker.sock');
      // run directories must exist at the same path for the host's engine
      expect(service.volumes).toContain(`${config.work_dir}:${config.work_dir}`);
    },
  );

  it('builds every image from a Dockerfile that exists', () => {
    for (const service of Object.values(compose.services)) {
      if (service.build)
        expect(() => readFileSync(path.join(ROOT, service.build!.dockerfile))).not.toThrow();
      else expect(service.image).toMatch(/^[a-z]+:\d/);
    }
  });
});
