import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  NodeConfigSchema,
  type Collaboration,
  type Node,
  type NodeWithKey,
  type Organization,
  type User,
} from '@federa/contract';
import { CliUser } from './utils/cli';
import { ScriptedNode } from './utils/node';
import { eventually, ROOT, sharedServer, unique } from './utils/server';

const PASSWORD = 'Research!1';

describe('federa admin, collaboration list, node list and node new', () => {
  let server: { url: string };
  let root: CliUser;
  const nodes: ScriptedNode[] = [];

  beforeAll(async () => {
    server = sharedServer();
    root = new CliUser(server.url);
    await root.login(ROOT.username, ROOT.password);
  });
  afterAll(() => {
    nodes.forEach((n) => n.close());
    root.cleanup();
  });

  const createOrg = (name = unique('hospital')) =>
    root.json<Organization>('admin', 'organization', 'create', name, '--country', 'NL');

  it('creates organizations, a collaboration and users with roles by name', async () => {
    const name = unique('Hospital A');
    const text = await root.run('admin', 'organization', 'create', name, '--country', 'NL');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Organization \\d+ "${name}" created\\.`));
    const b = await createOrg();
    expect(b).toMatchObject({ name: b.name, country: 'NL' });

    const collab = await root.json<Collaboration>(
      'admin',
      'collaboration',
      'create',
      '--name',
      unique('diabetes'),
      '--org',
      String(b.id),
      '--encrypted',
    );
    expect(collab).toMatchObject({ encrypted: true, organization_ids: [b.id] });

    const created = await root.spawn(
      [
        '--json',
        'admin',
        'user',
        'create',
        '--username',
        unique('alice'),
        '--organization',
        String(b.id),
        '--role',
        'Researcher',
        'organization admin',
        '--password-stdin',
      ],
      { stdin: PASSWORD },
    ).done;
    expect(created.code).toBe(0);
    const user = JSON.parse(created.stdout) as User;
    expect(user.organization_id).toBe(b.id);
    expect(user.roles).toHaveLength(2);
    // the new user can log in with the password given on stdin
    const alice = new CliUser(server.url);
    await alice.login(user.username, PASSWORD);
    alice.cleanup();
  });

  it('names unknown roles (exit 4), refuses weak passwords (exit 2) and unknown ids (exit 4)', async () => {
    const org = await createOrg();
    const args = [
      'admin',
      'user',
      'create',
      '--username',
      unique('bob'),
      '--organization',
      String(org.id),
      '--password-stdin',
    ];
    const role = await root.spawn([...args, '--role', 'Wizard'], { stdin: PASSWORD }).done;
    expect(role.code).toBe(4);
    expect(role.stderr).toContain('no role named "Wizard"');
    expect(role.stderr).toContain('Researcher');

    const weak = await root.spawn([...args, '--role', 'Viewer'], { stdin: 'short' }).done;
    expect(weak.code).toBe(2);

    const node = await root.run('admin', 'node', 'create', '--collaboration', '999999');
    expect(node.code).toBe(4);
    expect(node.stderr).toContain('999999');
  });

  it('lists collaborations and nodes (with online/offline status) as text and JSON', async () => {
    const [a, b] = [await createOrg(), await createOrg()];
    const collab = await root.json<Collaboration>(
      'admin',
      'collaboration',
      'create',
      '--name',
      unique('registry'),
      '--org',
      String(a.id),
      String(b.id),
    );
    const nodeA = await root.json<NodeWithKey>(
      'admin',
      'node',
      'create',
      '--collaboration',
      String(collab.id),
      '--organization',
      String(a.id),
    );
    const textB = await root.run(
      'admin',
      'node',
      'create',
      '--collaboration',
      String(collab.id),
      '--organization',
      String(b.id),
    );
    expect(textB.code).toBe(0);
    expect(textB.stdout).toMatch(/API key: fedn_\S+/);
    expect(textB.stderr).toContain('not shown again');

    const scripted = await ScriptedNode.login(server.url, nodeA.api_key);
    nodes.push(scripted);
    await scripted.connect();

    const collaborations = await root.json<Collaboration[]>('collaboration', 'list');
    expect(collaborations).toContainEqual({
      ...collab,
      organization_ids: expect.arrayContaining([a.id, b.id]),
    });
    const table = await root.run('collaboration', 'list');
    expect(table.stdout).toMatch(/^ID\s+NAME\s+ENCRYPTED\s+ORGANIZATIONS/);
    expect(table.stdout).toContain(`${a.name}, ${b.name}`);

    const listed = await eventually(async () => {
      const list = await root.json<Node[]>('node', 'list', '--collaboration', String(collab.id));
      expect(list.map((n) => [n.organization_id, n.status])).toEqual([
        [a.id, 'online'],
        [b.id, 'offline'],
      ]);
      return list;
    });
    expect(listed.every((n) => n.collaboration_id === collab.id)).toBe(true);
    const text = await root.run('node', 'list', '--collaboration', String(collab.id));
    expect(text.stdout).toMatch(/STATUS/);
    expect(text.stdout).toMatch(new RegExp(`${a.name}\\s+${collab.id}\\s+online`));
    expect(text.stdout).toMatch(new RegExp(`${b.name}\\s+${collab.id}\\s+offline`));
  });

  it('node new registers a node and writes its config (0600) with the fresh API key', async () => {
    const org = await createOrg();
    const collab = await root.json<Collaboration>(
      'admin',
      'collaboration',
      'create',
      '--name',
      unique('study'),
      '--org',
      String(org.id),
    );
    const out = path.join(root.dir, 'node.yaml');
    const result = await root.run(
      'node',
      'new',
      '--collaboration',
      String(collab.id),
      '--organization',
      String(org.id),
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`its config is in ${out}`);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const config = parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(config).toEqual({
      server_url: server.url,
      api_key: expect.stringMatching(/^fedn_/),
      name: `${org.name} - ${collab.name}`,
      runtime: 'process',
      databases: [],
    });
    // the node agent accepts the file as it is (its strict schema knows every key)
    expect(NodeConfigSchema.safeParse(config).error?.issues).toBeUndefined();
    // the key in the file is the node's: it logs in
    await expect(ScriptedNode.login(server.url, config.api_key as string)).resolves.toBeDefined();

    // an existing file is kept (nothing registered) unless --force
    const again = await root.run('node', 'new', '--collaboration', String(collab.id), '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
  });
});
