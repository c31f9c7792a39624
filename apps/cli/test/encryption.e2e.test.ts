import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Session, waitForTask } from '@federa/client';
import type { Collaboration, NodeWithKey, Organization, Result, Task } from '@federa/contract';
import {
  importPrivateKeyPem,
  importPublicKeyPem,
  keyId,
  publicKeyFromPrivateKey,
} from '@federa/crypto';
import { parseConfig, startNode, type NodeDaemon } from '@federa/node';
import { CliUser } from './utils/cli';
import { ROOT, sharedServer, unique } from './utils/server';

const PASSWORD = 'Research!1';
const SUMMARY = require.resolve('@federa/algorithm-summary/dist/algorithm.js');
const csv = (n: number) => require.resolve(`@federa/algorithm-summary/data/org-${n}.csv`);
const rowsOf = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').length - 1;
type ResultJson = Result & { encrypted: boolean; value: unknown; decryption_error?: string };
interface NodeConfigFile {
  dir: string;
  written: Record<string, unknown>;
}

/**
 * An encrypted collaboration driven through the CLI with real node agents (process runtime,
 * the summary algorithm): a key made with `federa key generate --publish`, node configs
 * written by `federa node new`, inputs encrypted by `task create`, results decrypted by
 * `task results`.
 */
describe('federa in an encrypted collaboration', () => {
  let server: { url: string };
  let root: CliUser;
  let api: Session; // root, for looking at what the server holds
  let alice: CliUser; // organization admin and researcher of A
  let carol: CliUser; // organization admin of C
  let a: Organization, b: Organization, c: Organization, d: Organization; // d: never a key
  let collab: Collaboration;
  const nodes: NodeDaemon[] = [];
  let aKey: string; // A's private key, made by alice with `key generate --publish`
  let bKey: string; // B's, made by B's node at its first start
  let configA: NodeConfigFile;

  const keyIdOfFile = async (file: string) =>
    keyId(await publicKeyFromPrivateKey(await importPrivateKeyPem(fs.readFileSync(file, 'utf8'))));
  const publishedKeyId = async (org: Organization) => {
    const { public_key } = await api.call((x) => x.organizations.get({ params: { id: org.id } }));
    return public_key && keyId(await importPublicKeyPem(public_key));
  };

  const newUser = async (org: Organization, roles: string[]) => {
    const username = unique('user');
    const created = await root.spawn(
      [
        ...['admin', 'user', 'create', '--username', username],
        ...['--organization', String(org.id), '--role', ...roles, '--password-stdin'],
      ],
      { stdin: PASSWORD },
    ).done;
    expect(created.code).toBe(0);
    const cli = new CliUser(server.url);
    await cli.login(username, PASSWORD);
    return cli;
  };

  /** `federa node new` writes the config; the data and the bundle are added for the test. */
  const nodeConfig = async (org: Organization): Promise<NodeConfigFile> => {
    const dir = fs.mkdtempSync(path.join(root.dir, 'n'));
    const file = path.join(dir, 'node.yaml');
    await root.json<NodeWithKey>(
      ...['node', 'new', '--collaboration', String(collab.id)],
      ...['--organization', String(org.id), '--out', file],
    );
    return { dir, written: parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> };
  };
  const start = async (config: NodeConfigFile, data: string) => {
    const node = await startNode(
      parseConfig(
        {
          ...config.written,
          databases: [{ label: 'default', type: 'csv', path: data }],
          process: { images: { 'federa/summary': SUMMARY } },
          work_dir: 'w',
          heartbeat_interval: 1,
          log_level: 'silent',
        },
        { baseDir: config.dir },
      ),
    );
    nodes.push(node);
  };
  const base = ['task', 'create', '--collaboration', '', '--image', 'federa/summary'];
  const central = () =>
    JSON.stringify({ method: 'central', args: { organizations: [a.id, b.id], columns: ['age'] } });

  beforeAll(async () => {
    server = sharedServer();
    root = new CliUser(server.url);
    await root.login(ROOT.username, ROOT.password);
    api = new Session({ baseUrl: server.url });
    await api.login(ROOT.username, ROOT.password);
    const org = (name: string) =>
      root.json<Organization>('admin', 'organization', 'create', unique(name));
    [a, b, c, d] = [await org('A'), await org('B'), await org('C'), await org('D')];
    collab = await root.json<Collaboration>(
      ...['admin', 'collaboration', 'create', '--name', unique('secret'), '--encrypted'],
      ...['--org', String(a.id), String(b.id), String(c.id), String(d.id)],
    );
    base[3] = String(collab.id);
    alice = await newUser(a, ['Organization Admin', 'Researcher']);
    carol = await newUser(c, ['Organization Admin']);

    aKey = path.join(alice.dir, 'hospital-a.pem');
    expect((await alice.run('key', 'generate', '--out', aKey, '--publish')).code).toBe(0);
    // A's node is given the key alice made; B's node makes its own
    configA = await nodeConfig(a);
    fs.copyFileSync(aKey, path.join(configA.dir, `organization-${a.id}.pem`));
    await start(configA, csv(1));
    const configB = await nodeConfig(b);
    await start(configB, csv(2));
    bKey = path.join(configB.dir, `organization-${b.id}.pem`);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    [root, alice, carol].forEach((u) => u?.cleanup());
  }, 60_000);

  it('key generate --publish wrote the private key (0600) and published the public one', async () => {
    expect(fs.statSync(aKey).mode & 0o777).toBe(0o600);
    expect(await publishedKeyId(a)).toBe(await keyIdOfFile(aKey));
    const again = await alice.run('key', 'generate', '--out', aKey);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is never overwritten');
  });

  it('node new writes an encryption section for an encrypted collaboration', () => {
    expect(configA.written.encryption).toEqual({ private_key: `organization-${a.id}.pem` });
    // the node that had no key file made one and published it
    expect(fs.statSync(bKey).mode & 0o777).toBe(0o600);
  });

  it('task create encrypts the input per organization; --wait decrypts the results', async () => {
    const { code, stdout, stderr } = await alice.run(
      ...['--json', ...base, '--input', central(), '--org', String(a.id), '--database', 'default'],
      ...['--wait', '--timeout', '40', '--private-key', aKey],
    );
    expect({ code, stderr }).toMatchObject({ code: 0 });
    const answer = JSON.parse(stdout) as { task: Task; results: ResultJson[] };
    expect(answer.task.status).toBe('completed');
    expect(answer.results[0]).toMatchObject({
      encrypted: false,
      value: { rows: rowsOf(csv(1)) + rowsOf(csv(2)) },
    });
    // the server holds envelopes only: inputs of the task and of its subtask, and results
    const runs = await api.call((x) => x.runs.list({ query: { collaboration_id: collab.id } }));
    expect(runs.data.length).toBeGreaterThanOrEqual(3);
    for (const run of runs.data) {
      expect(run.input).toMatch(/^fed1\./);
      if (run.status === 'completed') expect(run.result).toMatch(/^fed1\./);
    }
  });

  describe('task results of an encrypted task', () => {
    let taskId: number;
    beforeAll(async () => {
      const task = await alice.json<Task>(
        ...[...base, '--input', central(), '--org', String(a.id), '--database', 'default'],
      );
      taskId = task.id;
      await waitForTask(api, taskId, { timeoutMs: 40_000 });
    }, 60_000);

    it('says "encrypted" without a key, and how to give one', async () => {
      const text = await alice.run('task', 'results', String(taskId), '--log');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(
        'encrypted (to read it: --private-key FILE, or set FEDERA_PRIVATE_KEY_FILE)',
      );
      expect(text.stdout).toContain('-- log: encrypted');
      const [json] = await alice.json<ResultJson[]>('task', 'results', String(taskId));
      expect(json).toMatchObject({ encrypted: true, value: null });
    });

    it('decrypts with FEDERA_PRIVATE_KEY_FILE', async () => {
      const result = await alice.spawn(['--json', 'task', 'results', String(taskId)], {
        env: { FEDERA_PRIVATE_KEY_FILE: aKey },
      }).done;
      expect(result.code).toBe(0);
      const [json] = JSON.parse(result.stdout) as ResultJson[];
      expect(json).toMatchObject({ encrypted: false, value: { columns: { age: {} } } });
    });

    it('says clearly when the key is the wrong one, or cannot be read (exit 1, 2)', async () => {
      const wrong = await alice.run('task', 'results', String(taskId), '--private-key', bKey);
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toContain(
        'encrypted, and the key given cannot open it: NOT_A_RECIPIENT',
      );
      expect(wrong.stderr).toContain(`1 result(s) could not be decrypted with ${bKey}`);
      expect(wrong.stderr).toContain(`is it the private key of organization ${a.id}`);

      const missing = path.join(alice.dir, 'nope.pem');
      const none = await alice.run('task', 'results', String(taskId), '--private-key', missing);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(`cannot read the private key ${missing}`);
    });
  });

  it('task create refuses an organization without a public key, and a key not the user’s', async () => {
    const noKey = await alice.run(...base, '--input', '{}', '--org', String(d.id));
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain(
      `organization ${d.id} ("${d.name}") has published no public key`,
    );

    const notOurs = await alice.run(...base, '--input', '{}', '--wait', '--private-key', bKey);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toContain(`is not the private key of your organization ${a.id}`);
  });

  it('key generate --publish replaces a different published key only with --force', async () => {
    const [c1, c2] = [path.join(carol.dir, 'c1.pem'), path.join(carol.dir, 'c2.pem')];
    expect((await carol.run('key', 'generate', '--out', c1, '--publish')).code).toBe(0);
    const refused = await carol.run('key', 'generate', '--out', c2, '--publish');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('has published a public key already');
    expect(refused.stderr).toContain('--force');
    expect(fs.existsSync(c2)).toBe(false);
    expect(await publishedKeyId(c)).toBe(await keyIdOfFile(c1));

    expect((await carol.run('key', 'generate', '--out', c2, '--publish', '--force')).code).toBe(0);
    expect(await publishedKeyId(c)).toBe(await keyIdOfFile(c2));
  });
});
