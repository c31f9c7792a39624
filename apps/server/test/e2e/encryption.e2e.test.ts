import { ok } from '@federa/client';
import {
  decryptText,
  encrypt,
  exportPublicKeyPem,
  generateKeyPair,
  type KeyPair,
} from '@federa/crypto';
import { createNetwork, type Network, unique } from '../utils/network';
import { client, startTestServer, type TestServer } from '../utils/server';

/**
 * An encrypted collaboration: the researcher encrypts each organization's input for it, the
 * nodes decrypt and encrypt their result for the researcher's organization. The server holds
 * ciphertext only, and refuses clear text where ciphertext belongs (and the reverse).
 */
describe('end-to-end encryption through the server', () => {
  let server: TestServer;
  let net: Network;
  let collaborationId: number;
  const keys: Record<'a' | 'b', KeyPair> = {} as never;
  const encNodes: { organization_id: number; api: ReturnType<typeof client> }[] = [];
  const SECRET_INPUT = 'the-secret-input-7f3a';
  const SECRET_RESULT = 'the-secret-result-91bc';

  beforeAll(async () => {
    server = await startTestServer();
    net = await createNetwork(server);
    keys.a = await generateKeyPair();
    keys.b = await generateKeyPair();
    // each node publishes its organization's public key
    for (const [node, pair] of [
      [net.nodeA, keys.a],
      [net.nodeB, keys.b],
    ] as const) {
      ok(
        await node.api.organizations.update({
          params: { id: node.organization_id },
          body: { public_key: await exportPublicKeyPem(pair.publicKey) },
        }),
      );
    }
    const collab = ok(
      await net.root.api.collaborations.create({
        body: {
          name: unique('encrypted'),
          encrypted: true,
          organization_ids: [net.orgs.a.id, net.orgs.b.id],
        },
      }),
    );
    collaborationId = collab.id;
    // one node per organization in this collaboration
    for (const org of [net.orgs.a, net.orgs.b]) {
      const created = ok(
        await net.root.api.nodes.create({
          body: { collaboration_id: collab.id, organization_id: org.id },
        }),
      );
      const login = ok(await client(server).token.node({ body: { api_key: created.api_key } }));
      encNodes.push({ ...created, api: client(server, login.access_token) });
    }
  }, 120_000);
  afterAll(() => server.stop());

  const createTask = (organizations: { id: number; input: string }[]) =>
    net.researcherA.api.tasks.create({
      body: { name: 'enc', image: 'img', collaboration_id: collaborationId, organizations },
    });

  it('refuses clear input in an encrypted collaboration, writing nothing', async () => {
    const before = ok(await net.root.api.tasks.list({ query: {} })).total;
    const response = await createTask([{ id: net.orgs.a.id, input: 'clear text' }]);
    expect(response.status).toBe(400);
    expect(ok(await net.root.api.tasks.list({ query: {} })).total).toBe(before);
  });

  it('refuses a task whose results could not be encrypted for the initiating organization', async () => {
    const collab = ok(
      await net.root.api.collaborations.create({
        body: {
          name: unique('encrypted-c'),
          encrypted: true,
          organization_ids: [net.orgs.a.id, net.orgs.c.id],
        },
      }),
    );
    ok(
      await net.root.api.nodes.create({
        body: { collaboration_id: collab.id, organization_id: net.orgs.a.id },
      }),
    );
    // researcher C's organization never published a key
    const response = await net.researcherC.api.tasks.create({
      body: {
        name: 'enc',
        image: 'img',
        collaboration_id: collab.id,
        organizations: [
          { id: net.orgs.a.id, input: await encrypt(SECRET_INPUT, [keys.a.publicKey]) },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/published no public key/);
  });

  it('refuses an envelope not addressed to the organization that would run it', async () => {
    const forB = await encrypt(SECRET_INPUT, [keys.b.publicKey]);
    const response = await createTask([{ id: net.orgs.a.id, input: forB }]);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/current public key/);
  });

  it('refuses ciphertext in a clear collaboration', async () => {
    const envelope = await encrypt(SECRET_INPUT, [keys.a.publicKey]);
    const response = await net.researcherA.api.tasks.create({
      body: {
        name: 'x',
        image: 'img',
        collaboration_id: net.collaboration.id,
        input: envelope,
      },
    });
    expect(response.status).toBe(400);
  });

  it('runs an encrypted task and stores no clear input or result bytes', async () => {
    // Researcher in org A: encrypts the input separately for A and for B.
    const task = ok(
      await createTask([
        { id: net.orgs.a.id, input: await encrypt(SECRET_INPUT, [keys.a.publicKey]) },
        { id: net.orgs.b.id, input: await encrypt(SECRET_INPUT, [keys.b.publicKey]) },
      ]),
    );
    // Each node decrypts with its own key and encrypts its result for the initiating org (A).
    for (const [node, pair] of [
      [encNodes[0]!, keys.a],
      [encNodes[1]!, keys.b],
    ] as const) {
      const [run] = ok(await node.api.runs.list({ query: { task_id: task.id } })).data;
      expect(await decryptText(run!.input!, pair.privateKey)).toBe(SECRET_INPUT);
      ok(await node.api.runs.claim({ params: { id: run!.id }, body: {} }));
      const clear = await node.api.runs.submitResult({
        params: { id: run!.id },
        body: { status: 'completed', result: SECRET_RESULT },
      });
      expect(clear.status).toBe(400); // clear result refused
      const sealed = await encrypt(`${SECRET_RESULT}-${node.organization_id}`, [keys.a.publicKey]);
      // a log in clear is refused too, with a progress report or with the result
      const clearLog = { log: `log: ${SECRET_RESULT}` };
      const progress = await node.api.runs.update({ params: { id: run!.id }, body: clearLog });
      expect(progress.status).toBe(400);
      expect(JSON.stringify(progress.body)).toMatch(/log must be an envelope/);
      const withLog = await node.api.runs.submitResult({
        params: { id: run!.id },
        body: { status: 'completed', result: sealed, ...clearLog },
      });
      expect(withLog.status).toBe(400);
      ok(
        await node.api.runs.update({
          params: { id: run!.id },
          body: { log: await encrypt('started', [keys.a.publicKey]) },
        }),
      );
      ok(
        await node.api.runs.submitResult({
          params: { id: run!.id },
          body: { status: 'completed', result: sealed },
        }),
      );
    }
    const results = ok(await net.researcherA.api.tasks.results({ params: { id: task.id } }));
    const opened = await Promise.all(results.map((r) => decryptText(r.result!, keys.a.privateKey)));
    expect(opened.sort()).toEqual(
      [`${SECRET_RESULT}-${net.orgs.a.id}`, `${SECRET_RESULT}-${net.orgs.b.id}`].sort(),
    );

    // Someone reading the whole database learns nothing of either.
    const tables: { tablename: string }[] = await server.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { tablename } of tables) {
      const rows: unknown[] = await server.db.query(`SELECT * FROM "${tablename}"`);
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain(SECRET_INPUT);
      expect(dump).not.toContain(SECRET_RESULT);
    }
  });
});
