import fs from 'node:fs';
import path from 'node:path';
import { buildProgram } from '../src/cli';
import { ConfigError, loadConfigFile } from '../src/config-file';
import { tempDir } from './utils/nodes';

describe('node config', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('fed-conf-');
    fs.writeFileSync(path.join(dir, 'data.csv'), 'age\n1\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const errorOf = (fn: () => unknown): ConfigError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('reads the example config of the README', () => {
    const example = path.resolve(__dirname, '../node.example.yaml');
    const config = loadConfigFile(example, { api_key: 'from-env' });
    expect(config).toMatchObject({
      api_key: 'from-env',
      runtime: 'process',
      max_concurrent_runs: 4,
    });
    expect(config.docker.memory).toBe(512 * 1024 ** 2);
  });

  it('resolves paths against the config file and applies defaults', () => {
    const config = loadConfigFile(
      file(
        'ok.yaml',
        [
          'server_url: http://localhost:7601/',
          'api_key: k',
          'databases:',
          '  - { label: default, type: csv, path: data.csv }',
          '  - { label: warehouse, type: sql, uri: "postgresql://reader@db/warehouse" }',
          'process:',
          '  images: { federa/summary: algo/algorithm.js }',
          'encryption: { private_key: keys/org.pem }',
        ].join('\n'),
      ),
    );
    expect(config.encryption).toEqual({
      private_key: path.join(dir, 'keys/org.pem'),
      replace_public_key: false,
    });
    expect(config.server_url).toBe('http://localhost:7601');
    expect(config.work_dir).toBe(path.join(dir, '.federa/node'));
    expect(config.databases[0]).toEqual({
      label: 'default',
      type: 'csv',
      path: path.join(dir, 'data.csv'),
    });
    expect(config.process.images['federa/summary']).toBe(path.join(dir, 'algo/algorithm.js'));
    expect(config).toMatchObject({
      poll_interval: 30,
      shutdown_timeout: 30,
      runtime: 'process',
      policies: {},
    });
  });

  it('names every offending field', () => {
    const error = errorOf(() =>
      loadConfigFile(
        file(
          'bad.yaml',
          [
            'server_url: not a url',
            'max_concurrent_runs: 0',
            'runtime: kubernetes',
            'databases:',
            '  - { label: default, type: csv, path: missing.csv }',
            '  - { label: "bad label", type: sql, uri: x }',
            '  - { label: default, type: parquet, path: x }',
            'docker: { memory: lots }',
            'policies: { allowed_organizations: [one] }',
            'encryption: { replace_public_key: yes please }',
            'colour: blue',
          ].join('\n'),
        ),
      ),
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'server_url',
        'api_key',
        'max_concurrent_runs',
        'runtime',
        'databases.1.label',
        'databases.2.type',
        'docker.memory',
        'policies.allowed_organizations.0',
        'encryption.private_key',
        'encryption.replace_public_key',
        '',
      ]),
    );
    expect(error.message).toMatch(/^invalid node configuration \(.*bad\.yaml\):\n/);
    expect(error.message).toMatch(/ {2}api_key: Required/);
    expect(error.message).toMatch(/Unrecognized key\(s\) in object: 'colour'/);
  });

  it('reports files that are not there, duplicate labels, YAML errors and a missing file', () => {
    const missing = errorOf(() =>
      loadConfigFile(
        file(
          'missing.yaml',
          'server_url: http://x\napi_key: k\ndatabases:\n  - { label: a, type: csv, path: nope.csv }\n  - { label: a, type: csv, path: data.csv }\n',
        ),
      ),
    );
    expect(missing.message).toMatch(/databases\.1\.label: label "a" is used twice/);
    const notThere = errorOf(() =>
      loadConfigFile(
        file(
          'missing2.yaml',
          'server_url: http://x\napi_key: k\ndatabases:\n  - { label: a, type: csv, path: nope.csv }\n',
        ),
      ),
    );
    expect(notThere.message).toMatch(/databases\.0\.path: file not found: .*nope\.csv/);
    expect(
      errorOf(() => loadConfigFile(file('broken.yaml', 'server_url: [unclosed\n'))).message,
    ).toMatch(/YAML:/);
    expect(errorOf(() => loadConfigFile(path.join(dir, 'absent.yaml'))).message).toMatch(
      /cannot read the file/,
    );
    expect(errorOf(() => loadConfigFile(file('list.yaml', '- a\n- b\n'))).message).toMatch(
      /expected a mapping/,
    );
  });

  it('lets options and environment variables override the file', () => {
    const config = loadConfigFile(file('over.yaml', 'server_url: http://a\napi_key: from-file\n'), {
      server_url: 'http://b:1',
      api_key: 'from-env',
      runtime: 'docker',
      log_level: undefined,
    });
    expect(config).toMatchObject({
      server_url: 'http://b:1',
      api_key: 'from-env',
      runtime: 'docker',
      log_level: 'info',
    });
  });

  describe('federa-node check-config', () => {
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const out: string[] = [];
      const err: string[] = [];
      let code = 0;
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        await buildProgram({
          out: (t) => out.push(t),
          err: (t) => err.push(t),
          exit: (c) => {
            code = c;
          },
        }).parseAsync(['node', 'federa-node', ...args]);
      } finally {
        process.env = saved;
      }
      return { out: out.join(''), err: err.join(''), code };
    };

    it('says a good file is valid, with warnings about open policies', async () => {
      const ok = file('cli-ok.yaml', 'server_url: http://a\napi_key: k\n');
      const result = await run(['check-config', '--config', ok]);
      expect(result.code).toBe(0);
      expect(result.out).toContain(`${ok}: valid`);
      expect(result.out).toContain('warning: policies.allowed_images is not set');
    });

    it('exits 2 naming the field of a bad file; the env fallback fills in the API key', async () => {
      const bad = file('cli-bad.yaml', 'server_url: http://a\n');
      const result = await run(['check-config', '-c', bad]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('api_key: Required');
      const fixed = await run(['check-config'], { FEDERA_NODE_CONFIG: bad, FEDERA_API_KEY: 'k' });
      expect(fixed.code).toBe(0);
    });
  });
});
