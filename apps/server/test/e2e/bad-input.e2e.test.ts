import { JwtService } from '@nestjs/jwt';
import { ok } from '@federa/client';
import { exportPublicKeyPem, generateKeyPair } from '@federa/crypto';
import { createNetwork, type Network, PASSWORD, unique } from '../utils/network';
import { client, login, startTestServer, type TestServer } from '../utils/server';
import {
  createTask,
  createUser,
  expectErrorBody,
  expectNothingWritten,
  raw,
  startContainer,
} from './support';

/**
 * Bad requests of every kind get a 4xx with the one error body, write nothing and leave the
 * server answering. Also: refresh-token rotation, logout and the login lockout.
 */

const MAX_BODY_BYTES = 16 * 1024;
const LOCKOUT_SECONDS = 2;

let server: TestServer;
let net: Network;

/** Sends a request and proves it was refused with `status` and wrote nothing. */
async function refused(
  status: number,
  method: string,
  path: string,
  options: Parameters<typeof raw>[3] = {},
) {
  const response = await expectNothingWritten(server.db, () => raw(server, method, path, options));
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  expectErrorBody(response.body, status);
  return response.body;
}

/** The issue paths of a validation error. */
const issuePaths = (body: { issues?: { path: string }[] }) =>
  (body.issues ?? []).map((i) => i.path);

const taskBody = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: unique('task'),
    image: 'img:1',
    collaboration_id: net.collaboration.id,
    ...overrides,
  });

const signer = () => new JwtService({ secret: server.env.JWT_SECRET });

beforeAll(async () => {
  server = await startTestServer({
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
  });
  net = await createNetwork(server);
});
afterAll(() => server.stop());

afterEach(async () => {
  const health = await raw(server, 'GET', '/health');
  expect(health).toEqual({ status: 200, body: { status: 'ok', database: true } });
});

describe('malformed bodies', () => {
  it('malformed JSON is a 400', async () => {
    const body = await refused(400, 'POST', '/organization', {
      token: net.root.token,
      body: '{"name": "half',
    });
    expect(body.error).toBe('bad_request');
  });

  it('a JSON body that is not an object is a 400 validation error', async () => {
    const body = await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: '[1,2]',
    });
    expect(body.error).toBe('validation_failed');
  });

  it('a body sent as text/plain is a 400 validation error', async () => {
    const body = await refused(400, 'POST', '/organization', {
      token: net.root.token,
      body: JSON.stringify({ name: unique('org') }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(body.error).toBe('validation_failed');
  });

  it(`a body over MAX_BODY_BYTES is a 413`, async () => {
    const body = await refused(413, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ input: 'x'.repeat(MAX_BODY_BYTES * 2) }),
    });
    expect(body.error).toBe('payload_too_large');
  });
});

describe('validation', () => {
  it('missing fields are listed with their paths', async () => {
    const body = await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: JSON.stringify({ collaboration_id: net.collaboration.id }),
    });
    expect(body.error).toBe('validation_failed');
    expect(issuePaths(body)).toEqual(expect.arrayContaining(['body.name', 'body.image']));
  });

  it('wrong-typed fields are listed with their paths', async () => {
    const body = await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ collaboration_id: 'abc', databases: 7 }),
    });
    expect(issuePaths(body)).toEqual(
      expect.arrayContaining(['body.collaboration_id', 'body.databases']),
    );
  });

  it('a nested wrong type names the nested path', async () => {
    const body = await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: JSON.stringify({
        name: 'n',
        image: 'i',
        collaboration_id: net.collaboration.id,
        organizations: [{ id: 'first' }],
      }),
    });
    expect(issuePaths(body)).toContain('body.organizations.0.id');
  });

  it('a weak password is refused with its field', async () => {
    const body = await refused(400, 'POST', '/user', {
      token: net.root.token,
      body: JSON.stringify({ username: unique('weak'), password: 'password' }),
    });
    expect(issuePaths(body)).toEqual(['body.password']);
  });

  it('bad query parameters are listed with their paths', async () => {
    const body = await refused(400, 'GET', '/task?per_page=0&status=bogus', {
      token: net.researcherA.token,
    });
    expect(issuePaths(body)).toEqual(expect.arrayContaining(['query.per_page', 'query.status']));
  });

  it.each(['abc', '0', '-3', '1.5'])('path id %s is a 400 on params.id', async (id) => {
    const body = await refused(400, 'GET', `/task/${id}`, { token: net.researcherA.token });
    expect(issuePaths(body)).toEqual(['params.id']);
  });
});

describe('public keys', () => {
  const orgPath = () => `/organization/${net.orgs.c.id}`;
  const adminHeaders = () => ({ token: net.root.token });

  it('a public key that is not a PEM RSA key is a 400 and changes nothing', async () => {
    for (const public_key of [
      'PEM-A',
      '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
    ]) {
      const body = await refused(400, 'PATCH', orgPath(), {
        ...adminHeaders(),
        body: JSON.stringify({ public_key }),
      });
      expect(JSON.stringify(body)).toMatch(/public_key is not a usable PEM RSA public key/);
    }
    await refused(400, 'POST', '/organization', {
      ...adminHeaders(),
      body: JSON.stringify({ name: unique('org'), public_key: 'not a key' }),
    });
  });

  it('a published key can be replaced, and removed with null', async () => {
    const pem = await exportPublicKeyPem((await generateKeyPair()).publicKey);
    const params = { id: net.orgs.c.id };
    const set = ok(await net.root.api.organizations.update({ params, body: { public_key: pem } }));
    expect(set.public_key).toBe(pem);
    const cleared = ok(
      await net.root.api.organizations.update({ params, body: { public_key: null } }),
    );
    expect(cleared.public_key).toBeNull();
    expect(ok(await net.root.api.organizations.get({ params })).public_key).toBeNull();
  });
});

describe('unknown ids', () => {
  it.each([
    ['GET', '/task/999999'],
    ['GET', '/organization/999999'],
    ['GET', '/collaboration/999999'],
    ['GET', '/user/999999'],
    ['GET', '/role/999999'],
    ['GET', '/node/999999'],
    ['GET', '/run/999999'],
    ['GET', '/result/999999'],
    ['GET', '/study/999999'],
    ['DELETE', '/task/999999'],
  ])('%s %s as root is a 404', async (method, path) => {
    const body = await refused(404, method, path, { token: net.root.token });
    expect(body.error).toBe('not_found');
  });

  it('an id beyond the integer range is a 400, not a database error', async () => {
    const body = await refused(400, 'GET', '/task/99999999999', { token: net.root.token });
    expect(body.error).toBe('bad_request');
  });

  it('an id beyond the integer range in a body is a 400, not a database error', async () => {
    await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ collaboration_id: 99999999999 }),
    });
  });

  it('a task in an unknown collaboration is a 404', async () => {
    await refused(404, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ collaboration_id: 999999 }),
    });
  });

  it('a node claiming an unknown run gets a 404', async () => {
    await refused(404, 'POST', '/run/999999/claim', { token: net.nodeA.token, body: '{}' });
  });

  it('granting an unknown role is a 400', async () => {
    await refused(400, 'POST', '/user', {
      token: net.root.token,
      body: JSON.stringify({ username: unique('u'), password: PASSWORD, roles: [999999] }),
    });
  });
});

describe('ids of the wrong kind', () => {
  it('an organization outside the collaboration as a task target is a 400', async () => {
    await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ organization_ids: [net.orgs.c.id] }),
    });
  });

  it('a study of another collaboration is a 400', async () => {
    const other = ok(
      await net.root.api.collaborations.create({
        body: { name: unique('other'), organization_ids: [net.orgs.a.id] },
      }),
    );
    const study = ok(
      await net.root.api.studies.create({
        body: { name: unique('s'), collaboration_id: other.id, organization_ids: [net.orgs.a.id] },
      }),
    );
    await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ study_id: study.id }),
    });
  });

  it('an organization listed twice is a 400', async () => {
    await refused(400, 'POST', '/task', {
      token: net.researcherA.token,
      body: taskBody({ organization_ids: [net.orgs.a.id, net.orgs.a.id] }),
    });
  });

  it('a rule id given as a role is a 400', async () => {
    const role = ok(await net.root.api.roles.list({ query: { per_page: 500 } })).data;
    const notARole = Math.max(...role.map((r) => r.id)) + 1000;
    await refused(400, 'PATCH', `/user/${net.researcherA.id}`, {
      token: net.root.token,
      body: JSON.stringify({ roles: [notARole] }),
    });
  });
});

describe('bad tokens', () => {
  it('an Authorization header that is not a bearer token is a 401', async () => {
    await refused(401, 'GET', '/task', { headers: { authorization: 'Basic cm9vdDpyb290' } });
  });

  it('an expired access token is a 401 token_expired', async () => {
    const token = signer().sign({
      sub: String(net.researcherA.id),
      kind: 'user',
      typ: 'access',
      exp: Math.floor(Date.now() / 1000) - 5,
    });
    const body = await refused(401, 'POST', '/task', { token, body: taskBody() });
    expect(body.error).toBe('token_expired');
  });

  it('a token with a tampered signature is a 401', async () => {
    const token = net.researcherA.token;
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = token.slice(0, -2) + last + token.slice(-1);
    expect(tampered).not.toBe(token);
    const body = await refused(401, 'POST', '/task', { token: tampered, body: taskBody() });
    expect(body.error).toBe('unauthorized');
  });

  it("a token whose claims were swapped for root's is a 401", async () => {
    const rootId = ok(await net.root.api.users.me()).id;
    const [header, , signature] = net.researcherC.token.split('.');
    const claims = Buffer.from(
      JSON.stringify({ sub: String(rootId), kind: 'user', typ: 'access' }),
    ).toString('base64url');
    await refused(401, 'POST', '/organization', {
      token: `${header}.${claims}.${signature}`,
      body: JSON.stringify({ name: unique('org') }),
    });
  });

  it('a token signed with another secret is a 401', async () => {
    const token = new JwtService({ secret: 'another-secret-another-secret-0123456' }).sign({
      sub: String(net.researcherA.id),
      kind: 'user',
      typ: 'access',
    });
    await refused(401, 'POST', '/task', { token, body: taskBody() });
  });

  it('a refresh token used as an access token is a 401', async () => {
    await refused(401, 'POST', '/task', { token: net.researcherA.refresh, body: taskBody() });
  });

  it('an access token used as a refresh token is a 401', async () => {
    await refused(401, 'POST', '/token/refresh', {
      body: JSON.stringify({ refresh_token: net.researcherA.token }),
    });
  });

  it('the token of a deleted user is a 401', async () => {
    const user = await createUser(server, net, net.orgs.a.id, ['Researcher']);
    ok(await net.root.api.users.remove({ params: { id: user.id } }));
    await refused(401, 'POST', '/task', { token: user.token, body: taskBody() });
  });

  it('a container token stops working when its run has finished', async () => {
    const task = await createTask(net, unique('parent'), 'algo:1');
    const container = await startContainer(server, net.nodeA, task.id);
    ok(
      await net.nodeA.api.runs.submitResult({
        params: { id: container.run.id },
        body: { status: 'completed', result: '1' },
      }),
    );
    const body = await refused(401, 'POST', '/task', {
      token: container.token,
      body: taskBody({ image: 'algo:1' }),
    });
    expect(body.error).toBe('unauthorized');
    await refused(401, 'GET', `/task/${task.id}`, { token: container.token });
  });

  it('a node API key stops working once it is reset', async () => {
    const collab = ok(
      await net.root.api.collaborations.create({
        body: { name: unique('keys'), organization_ids: [net.orgs.a.id] },
      }),
    );
    const node = ok(
      await net.root.api.nodes.create({
        body: { collaboration_id: collab.id, organization_id: net.orgs.a.id },
      }),
    );
    const session = ok(await client(server).token.node({ body: { api_key: node.api_key } }));
    const reset = ok(await net.root.api.nodes.resetApiKey({ params: { id: node.id }, body: {} }));
    expect(reset.api_key).not.toBe(node.api_key);

    await refused(401, 'POST', '/token/node', { body: JSON.stringify({ api_key: node.api_key }) });
    await refused(401, 'POST', '/token/refresh', {
      body: JSON.stringify({ refresh_token: session.refresh_token }),
    });
    expect((await client(server).token.node({ body: { api_key: reset.api_key } })).status).toBe(
      200,
    );
  });

  it('a made-up API key is a 401', async () => {
    await refused(401, 'POST', '/token/node', { body: JSON.stringify({ api_key: 'fedn_nope' }) });
  });
});

describe('refresh tokens', () => {
  it('rotate: a used refresh token is refused', async () => {
    const first = await login(server, net.researcherA.username, PASSWORD);
    const second = ok(
      await client(server).token.refresh({ body: { refresh_token: first.refresh } }),
    );
    expect(second.refresh_token).not.toBe(first.refresh);
    const reused = await client(server).token.refresh({ body: { refresh_token: first.refresh } });
    expect(reused.status).toBe(401);
    expectErrorBody(reused.body, 401);
  });

  it('reusing a rotated token revokes the newer one too', async () => {
    const first = await login(server, net.researcherA.username, PASSWORD);
    const second = ok(
      await client(server).token.refresh({ body: { refresh_token: first.refresh } }),
    );
    expect(
      (await client(server).token.refresh({ body: { refresh_token: first.refresh } })).status,
    ).toBe(401);
    const newer = await client(server).token.refresh({
      body: { refresh_token: second.refresh_token },
    });
    expect(newer.status).toBe(401);
  });

  it('the new access token works', async () => {
    const first = await login(server, net.researcherA.username, PASSWORD);
    const second = ok(
      await client(server).token.refresh({ body: { refresh_token: first.refresh } }),
    );
    expect(ok(await client(server, second.access_token).users.me()).id).toBe(net.researcherA.id);
  });

  it('revoke logs out: the refresh token is refused afterwards', async () => {
    const session = await login(server, net.researcherA.username, PASSWORD);
    const revoked = await client(server).token.revoke({ body: { refresh_token: session.refresh } });
    expect(revoked.status).toBe(204);
    const after = await client(server).token.refresh({ body: { refresh_token: session.refresh } });
    expect(after.status).toBe(401);
  });

  it('revoke ends only that session', async () => {
    const one = await login(server, net.researcherA.username, PASSWORD);
    const two = await login(server, net.researcherA.username, PASSWORD);
    ok(await client(server).token.revoke({ body: { refresh_token: one.refresh } }));
    expect(
      (await client(server).token.refresh({ body: { refresh_token: two.refresh } })).status,
    ).toBe(200);
  });

  it('revoking a made-up token is a 401', async () => {
    await refused(401, 'POST', '/token/revoke', {
      body: JSON.stringify({ refresh_token: 'fedr_made_up' }),
    });
  });
});

describe('login', () => {
  const attempt = (username: string, password: string) =>
    client(server).token.user({ body: { username, password } });

  it('an unknown user gets a 400 with the same message as a wrong password', async () => {
    const unknown = await expectNothingWritten(server.db, () =>
      attempt(unique('nobody'), PASSWORD),
    );
    const user = await createUser(server, net, net.orgs.a.id, ['Viewer']);
    const wrong = await attempt(user.username, 'Wrong!pass1');
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expectErrorBody(unknown.body, 400);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks the account after 5 wrong passwords, even for the right one, until it expires', async () => {
    const user = await createUser(server, net, net.orgs.a.id, ['Viewer']);
    for (let i = 0; i < 5; i++) {
      expect((await attempt(user.username, `Wrong!pass${i}`)).status).toBe(400);
    }
    const locked = await attempt(user.username, PASSWORD);
    expect(locked.status).toBe(423);
    expectErrorBody(locked.body, 423);
    expect(locked.body).toMatchObject({ error: 'account_locked' });

    await new Promise((resolve) => setTimeout(resolve, LOCKOUT_SECONDS * 1000 + 200));
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
  });

  it('a locked account is unlocked by an administrator setting a new password', async () => {
    const user = await createUser(server, net, net.orgs.a.id, ['Viewer']);
    for (let i = 0; i < 5; i++) await attempt(user.username, `Wrong!pass${i}`);
    expect((await attempt(user.username, PASSWORD)).status).toBe(423);
    ok(
      await net.root.api.users.update({
        params: { id: user.id },
        body: { password: 'Fresh!pass1' },
      }),
    );
    expect((await attempt(user.username, 'Fresh!pass1')).status).toBe(200);
  });

  it('four wrong passwords do not lock; a success resets the count', async () => {
    const user = await createUser(server, net, net.orgs.a.id, ['Viewer']);
    for (let i = 0; i < 4; i++) await attempt(user.username, `Wrong!pass${i}`);
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(user.username, `Wrong!pass${i}`);
    expect((await attempt(user.username, PASSWORD)).status).toBe(200);
  });

  it('an oversized password is a 400 validation error', async () => {
    const body = await refused(400, 'POST', '/token/user', {
      body: JSON.stringify({ username: net.researcherA.username, password: 'x'.repeat(2000) }),
    });
    expect(issuePaths(body)).toEqual(['body.password']);
  });
});

describe('odd text', () => {
  it('a NUL character in a name is a 400, not a database error', async () => {
    await refused(400, 'POST', '/organization', {
      token: net.root.token,
      body: JSON.stringify({ name: 'bad\u0000name' }),
    });
  });

  it('a NUL character in a login name is a 400', async () => {
    await refused(400, 'POST', '/token/user', {
      body: JSON.stringify({ username: 'root\u0000', password: PASSWORD }),
    });
  });
});

describe('duplicates', () => {
  it('the same name sent many times at once makes one organization and 409s', async () => {
    for (let round = 0; round < 3; round++) {
      const name = unique('twin');
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => net.root.api.organizations.create({ body: { name } })),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
      for (const r of responses.filter((r) => r.status === 409)) expectErrorBody(r.body, 409);
      expect(ok(await net.root.api.organizations.list({ query: { name } })).total).toBe(1);
    }
  });
});
