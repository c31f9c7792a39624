import fs from 'node:fs';
import path from 'node:path';
import { waitForTask } from '@federa/client';
import {
  decryptText,
  encrypt,
  importPrivateKeyPem,
  importPublicKeyPem,
  isEnvelope,
  keyId,
  publicKeyFromPrivateKey,
  type WebCryptoKey,
} from '@federa/crypto';
import type { NodeDaemon } from '../src';
import { createNetwork, unique, type Network } from './utils/network';
import { FIXTURE_IMAGE, startTestNode, tempDir, writeCsv } from './utils/nodes';
import { startTestServer, type TestServer } from './utils/test-server';

jest.setTimeout(60_000);

/**
 * An encrypted collaboration with real node agents: the researcher encrypts each
 * organization's input for it; the nodes decrypt, run, and encrypt results and logs for the
 * researcher's organization; the server holds envelopes only.
 */
describe('node agent in an encrypted collaboration (process runtime, real server)', () => {
  let server: TestServer;
  let net: Network;
  let dir: string;
  let a: number, b: number, c: number;
  let orgKey: WebCryptoKey; // organization A's private key: the researcher's organization
  const nodes: NodeDaemon[] = [];
  const MARKER = `marker-${process.pid}-7f3a`;
  const keyFile = (name: string) => path.join(dir, 'keys', `${name}.pem`);

  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server.url, ['enc-a', 'enc-b', 'enc-c'], { encrypted: true });
    [a, b, c] = net.orgs.map((o) => o.org.id) as [number, number, number];
    dir = tempDir('fed-enc-');
    const dataA = writeCsv(dir, 'a.csv', [['age'], [30], [40], [50]]);
    const dataB = writeCsv(dir, 'b.csv', [['age'], [20], [60]]);
    // no key files yet: each node creates its organization's pair and publishes the public key
    nodes.push(
      await startTestNode(server.url, net.orgs[0]!, dir, {
        databases: [{ label: 'default', type: 'csv', path: dataA }],
        encryption: { private_key: keyFile('a') },
      }),
      await startTestNode(server.url, net.orgs[1]!, dir, {
        databases: [{ label: 'default', type: 'csv', path: dataB }],
        encryption: { private_key: keyFile('b') },
      }),
    );
    orgKey = await importPrivateKeyPem(fs.readFileSync(keyFile('a'), 'utf8'));
  }, 150_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const keyIdOfFile = async (file: string) =>
    keyId(await publicKeyFromPrivateKey(await importPrivateKeyPem(fs.readFileSync(file, 'utf8'))));
  const publicKeyOf = async (organizationId: number) => {
    const org = await net.researcher.call((api) =>
      api.organizations.get({ params: { id: organizationId } }),
    );
    return importPublicKeyPem(org.public_key!);
  };

  /** Creates a task as the researcher, the input encrypted for each organization. */
  const createEncryptedTask = async (
    input: unknown,
    organizationIds: number[],
    change: (envelope: string) => string = (envelope) => envelope,
  ) => {
    const organizations = await Promise.all(
      organizationIds.map(async (id) => ({
        id,
        input: change(await encrypt(JSON.stringify(input), [await publicKeyOf(id)])),
      })),
    );
    return net.researcher.call((api) =>
      api.tasks.create({
        body: {
          name: unique('enc'),
          image: FIXTURE_IMAGE,
          collaboration_id: net.collaboration.id,
          organizations,
        },
      }),
    );
  };
  const finished = (taskId: number) =>
    waitForTask(net.researcher, taskId, { timeoutMs: 30_000, pollMs: 250 });
  const open = (envelope: string | null) => decryptText(envelope!, orgKey);

  it('creates each organization’s key file (0600) and publishes its public key', async () => {
    for (const [name, id] of [
      ['a', a],
      ['b', b],
    ] as const) {
      expect(fs.statSync(keyFile(name)).mode & 0o777).toBe(0o600);
      expect(await keyId(await publicKeyOf(id))).toBe(await keyIdOfFile(keyFile(name)));
    }
  });

  it('runs an encrypted task on two nodes: the researcher decrypts each one’s numbers', async () => {
    const task = await createEncryptedTask(
      { method: 'partial', args: { column: 'age', note: MARKER } },
      [a, b],
    );
    const { task: done, results } = await finished(task.id);
    expect(done.status).toBe('completed');
    expect(results.every((r) => isEnvelope(r.result) && isEnvelope(r.log))).toBe(true);
    const byOrg = Object.fromEntries(
      await Promise.all(
        results.map(async (r) => [r.organization_id, JSON.parse(await open(r.result))]),
      ),
    );
    expect(byOrg[a]).toEqual({ organization: a, n: 3, sum: 120 });
    expect(byOrg[b]).toEqual({ organization: b, n: 2, sum: 80 });
    expect(await open(results[0]!.log)).toContain(MARKER); // the log is encrypted as well
  });

  it('runs a central function whose subtasks go encrypted through the proxy', async () => {
    const task = await createEncryptedTask(
      { method: 'central', args: { column: 'age', organizations: [a, b] } },
      [a],
    );
    const { task: done, results } = await finished(task.id);
    expect(done.status).toBe('completed');
    const output = JSON.parse(await open(results[0]!.result));
    expect(output).toMatchObject({ mean: 40, n: 5 });
    // the subtask's inputs and results were envelopes on the server, too
    const subRuns = await net.researcher.call((api) =>
      api.runs.list({ query: { task_id: output.subtask } }),
    );
    expect(subRuns.data).toHaveLength(2);
    expect(subRuns.data.every((r) => isEnvelope(r.input) && isEnvelope(r.result))).toBe(true);
  });

  it('fails a run whose input was tampered with, with the reason; nothing runs (no log)', async () => {
    // one character of the ciphertext changed: still a well-formed envelope for A's key
    const tamper = (envelope: string) => {
      const parts = envelope.split('.');
      const body = parts[3]!;
      const i = Math.floor(body.length / 2);
      parts[3] = body.slice(0, i) + (body[i] === 'A' ? 'B' : 'A') + body.slice(i + 1);
      return parts.join('.');
    };
    const task = await createEncryptedTask(
      { method: 'partial', args: { column: 'age' } },
      [a],
      tamper,
    );
    const { results } = await finished(task.id);
    expect(results[0]).toMatchObject({ status: 'failed', result: null, log: null });
    const [run] = (
      await net.researcher.call((api) => api.runs.list({ query: { task_id: task.id } }))
    ).data;
    expect(run!.status_reason).toMatch(/^input could not be decrypted: TAMPERED/);
  });

  it('keeps the log of a crash out of the (clear) reason: it is in the encrypted log', async () => {
    const task = await createEncryptedTask({ method: 'crash' }, [b]);
    const { results } = await finished(task.id);
    expect(results[0]!.status).toBe('crashed');
    expect(await open(results[0]!.log)).toContain('boom: something broke');
    const [run] = (
      await net.researcher.call((api) => api.runs.list({ query: { task_id: task.id } }))
    ).data;
    expect(run!.status_reason).toBe('the algorithm exited with code 3');
  });

  it('leaves no clear input, result or log in the server’s database', async () => {
    // a central task (its subtasks too) whose input, results and logs all carry the marker
    const task = await createEncryptedTask(
      { method: 'central', args: { column: 'age', organizations: [a, b], note: MARKER } },
      [a],
    );
    expect((await finished(task.id)).task.status).toBe('completed');
    const tables: { tablename: string }[] = await server.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { tablename } of tables) {
      const dump = JSON.stringify(await server.db.query(`SELECT * FROM "${tablename}"`));
      expect(dump).not.toContain(MARKER);
      expect(dump).not.toMatch(/\\"(method|sum|mean)\\":/);
    }
  });

  it('refuses to start without a private key when the collaboration is encrypted', async () => {
    await expect(startTestNode(server.url, net.orgs[2]!, dir)).rejects.toThrow(
      /collaboration \d+ \(".*"\) is encrypted: set encryption\.private_key/,
    );
  });

  it('refuses to start with a key other than the published one; replaces it only when told', async () => {
    const first = await startTestNode(server.url, net.orgs[2]!, dir, {
      encryption: { private_key: keyFile('c1') },
    });
    await first.stop();
    const published = async () => keyId(await publicKeyOf(c));
    const before = await published();

    await expect(
      startTestNode(server.url, net.orgs[2]!, dir, { encryption: { private_key: keyFile('c2') } }),
    ).rejects.toThrow(/has published a different public key .* The node does not overwrite it/);
    expect(await published()).toBe(before);

    const replacing = await startTestNode(server.url, net.orgs[2]!, dir, {
      encryption: { private_key: keyFile('c2'), replace_public_key: true },
    });
    await replacing.stop();
    expect(await published()).toBe(await keyIdOfFile(keyFile('c2')));
  });
});
