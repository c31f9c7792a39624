import fs from 'node:fs';
import path from 'node:path';
import { createApiClient } from '@federa/client';
import { CliUser } from './utils/cli';
import { closedPortUrl, ROOT, sharedServer, unique } from './utils/server';

const PASSWORD = 'Research!1';

describe('federa login / logout and the session file', () => {
  let server: { url: string };
  let root: CliUser;
  let username: string;
  const users: CliUser[] = [];
  const user = (env: Record<string, string> = {}) => {
    const created = new CliUser(server.url, env);
    users.push(created);
    return created;
  };

  beforeAll(async () => {
    server = sharedServer();
    root = user();
    await root.login(ROOT.username, ROOT.password);
    const org = await root.json<{ id: number }>('admin', 'organization', 'create', unique('org'));
    username = unique('viewer');
    await root.spawn(
      [
        'admin',
        'user',
        'create',
        '--username',
        username,
        '--organization',
        String(org.id),
        '--role',
        'Viewer',
        '--password-stdin',
      ],
      { stdin: PASSWORD },
    ).done;
  });
  afterAll(() => {
    users.forEach((u) => u.cleanup());
  });

  it('logs in, keeps only tokens in a 0600 file in a 0700 directory', async () => {
    const alice = user();
    const result = await alice.runWithStdin(
      `${PASSWORD}\n`,
      'login',
      '--username',
      username,
      '--password-stdin',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Logged in to ${server.url} as ${username}`);
    expect(fs.statSync(alice.configFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(alice.configFile)).mode & 0o777).toBe(0o700);
    const text = fs.readFileSync(alice.configFile, 'utf8');
    expect(text).not.toContain(PASSWORD);
    const config = alice.readConfig();
    expect(config.server).toBe(server.url);
    expect(config.sessions[server.url]).toEqual({
      username,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_at: expect.any(Number),
    });
  });

  // util-linux `script` (Debian's essential bsdutils) gives the CLI a real terminal.
  it('asks for the password on a terminal without echoing it', async () => {
    const grace = user();
    const cli = grace.spawn(['login', '--username', username], {
      terminal: true,
      stdin: 'keep-open',
    });
    await cli.waitFor(/Password: /);
    cli.child.stdin!.end(`${PASSWORD}\r`); // typed at the prompt
    const result = await cli.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Password: ');
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stdout).toContain(`Logged in to ${server.url} as ${username}`);
  });

  it('finds the config under $XDG_CONFIG_HOME/federa when FEDERA_CONFIG is unset', async () => {
    const bob = user();
    const xdg = path.join(bob.dir, 'xdg');
    const result = await bob.spawn(
      ['--json', 'login', '--username', username, '--password-stdin'],
      {
        stdin: PASSWORD,
        env: { FEDERA_CONFIG: '', XDG_CONFIG_HOME: xdg },
      },
    ).done;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ server: server.url, username });
    const file = path.join(xdg, 'federa', 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses wrong credentials with exit 3 and stores nothing', async () => {
    const mallory = user();
    const result = await mallory.runWithStdin(
      'Wrong!pass1\n',
      'login',
      '--username',
      username,
      '--password-stdin',
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('username/password combination unknown');
    expect(fs.existsSync(mallory.configFile)).toBe(false);

    const json = await mallory.spawn(
      ['--json', 'login', '--username', username, '--password-stdin'],
      {
        stdin: 'Wrong!pass1',
      },
    ).done;
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stderr)).toEqual({
      statusCode: 400,
      error: 'invalid_credentials',
      message: 'username/password combination unknown',
    });
  });

  it('says "run `federa login`" (exit 3) before any login', async () => {
    const result = await user().run('collaboration', 'list');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('run `federa login`');
  });

  it('refreshes an expired access token and persists the newest (rotated) pair', async () => {
    const carol = user();
    await carol.login(username, PASSWORD);
    const config = carol.readConfig();
    const before = config.sessions[server.url]!;
    before.expires_at = 0; // as if the access token had expired
    carol.writeConfig(config);

    expect((await carol.run('collaboration', 'list')).code).toBe(0);
    const after = carol.readConfig().sessions[server.url]!;
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.expires_at).toBeGreaterThan(Date.now());
    expect(fs.statSync(carol.configFile).mode & 0o777).toBe(0o600);
    // the stored pair keeps working
    expect((await carol.run('node', 'list')).code).toBe(0);
    // the old refresh token is spent: replaying it (a stolen copy?) ends the whole login
    const api = createApiClient({ baseUrl: server.url });
    expect(
      (await api.token.refresh({ body: { refresh_token: before.refresh_token } })).status,
    ).toBe(401);
    expect((await carol.run('node', 'list')).code).toBe(3);
  });

  it('reports an expired session with exit 3 and forgets it', async () => {
    const dave = user();
    await dave.login(username, PASSWORD);
    const config = dave.readConfig();
    config.sessions[server.url] = {
      ...config.sessions[server.url]!,
      expires_at: 0,
      refresh_token: 'fedr_revoked',
    };
    dave.writeConfig(config);

    const result = await dave.run('task', 'list');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('run `federa login`');
    expect(dave.readConfig().sessions[server.url]).toBeUndefined();
  });

  it('logs out: revokes the refresh token; later commands exit 3', async () => {
    const erin = user();
    await erin.login(username, PASSWORD);
    const { refresh_token } = erin.readConfig().sessions[server.url]!;

    const result = await erin.run('logout');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Logged out of ${server.url}`);
    expect(erin.readConfig().sessions).toEqual({});
    const api = createApiClient({ baseUrl: server.url });
    expect((await api.token.refresh({ body: { refresh_token } })).status).toBe(401);

    const after = await erin.run('collaboration', 'list');
    expect(after.code).toBe(3);
    expect(after.stderr).toContain(`not logged in to ${server.url}; run \`federa login\``);
  });

  it('exits 5 with "cannot reach … — is the server running?" when nobody listens', async () => {
    const url = await closedPortUrl();
    const frank = user();
    const login = await frank.spawn(
      ['login', '--server', url, '--username', 'x', '--password-stdin'],
      {
        stdin: 'pw',
      },
    ).done;
    expect(login.code).toBe(5);
    expect(login.stderr).toContain(`cannot reach ${url} — is the server running?`);

    // a stored session whose server went away
    await frank.login(username, PASSWORD);
    const config = frank.readConfig();
    config.sessions[url] = config.sessions[server.url]!;
    frank.writeConfig(config);
    const list = await frank.run('--server', url, '--json', 'collaboration', 'list');
    expect(list.code).toBe(5);
    expect(JSON.parse(list.stderr)).toMatchObject({ statusCode: 0, error: 'unreachable' });
  });

  it('exits 2 on bad usage', async () => {
    const result = await root.run('task', 'get', 'twelve');
    expect(result.code).toBe(2);
    expect((await root.run('collaboration', 'lst')).code).toBe(2);
    const json = await root.run('--json', 'task', 'list', '--status', 'sleeping');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({ statusCode: 0, error: 'usage' });
  });
});
