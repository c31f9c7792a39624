#!/usr/bin/env node
/**
 * `pnpm demo`: a Federa server on embedded PGlite, a demo network (3 organizations with sample
 * data, a collaboration, users, 3 nodes), the web UI, and one federated example task. Runs until
 * Ctrl-C; every run starts from a fresh data directory, so running it twice just works.
 */
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiClient, ok } from '@federa/client';
import { API_PREFIX } from '@federa/contract';
import { loadConfig, startServer } from '@federa/server';
import { runExample } from './example';
import { createDemoNetwork } from './network';
import { ALGORITHMS, startDemoNodes } from './nodes';
import { startWeb } from './web';
import { randomBytes } from 'node:crypto';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7601' },
    'web-port': { type: 'string', default: '3000' },
    'no-web': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: path.resolve('.federa/demo') },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: pnpm demo [--port N] [--web-port N] [--no-web] [--data-dir DIR]

Starts a server (API on --port, default 7601), three nodes, the web UI (--web-port, default 3000)
and a federated example task, then keeps running until Ctrl-C.`);
  process.exit(0);
}

async function main(): Promise<void> {
  const dataDir = path.resolve(values['data-dir']);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const admin = { username: 'admin', password: `Admin-${randomBytes(6).toString('base64url')}1!` };

  console.log('starting the server on embedded PGlite…');
  const server = await startServer(
    loadConfig({
      PORT: values.port,
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dataDir, 'server'),
      ROOT_USERNAME: admin.username,
      ROOT_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
    }),
  );
  const root = createApiClient({ baseUrl: server.url });
  const { access_token } = ok(await root.token.user({ body: admin }));
  const network = await createDemoNetwork(
    createApiClient({ baseUrl: server.url, token: () => access_token }),
  );

  console.log('starting three nodes…');
  const nodes = await startDemoNodes(server.url, network.nodes, path.join(dataDir, 'nodes'));

  const webPort = Number(values['web-port']);
  const web = values['no-web'] ? { note: 'web UI off (--no-web)' } : startWeb(webPort, server.url);
  const webUrl = web.child ? `http://127.0.0.1:${webPort}` : null;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    web.child?.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.stop()));
    await server.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  console.log('running the example task (federated summary statistics)…');
  const example = await runExample(server.url, network);

  const details = {
    api_url: `${server.url}${API_PREFIX}`,
    server_url: server.url,
    web_url: webUrl,
    admin: { ...admin, organization: 'root' },
    users: network.users,
    collaboration: network.collaboration,
    organizations: network.organizations,
    nodes: network.nodes.map(({ api_key: _key, ...n }) => n),
    images: Object.keys(ALGORITHMS),
    example: { task_id: example.taskId, result: example.result },
  };
  const file = path.join(dataDir, 'demo.json');
  writeFileSync(file, JSON.stringify(details, null, 2), { mode: 0o600 });

  console.log(`
example result (task ${example.taskId}, by ${example.researcher}):
${JSON.stringify(example.result, null, 2)}

Federa demo is running
  API     ${details.api_url}
  web     ${webUrl ?? web.note}
  admin   ${admin.username} / ${admin.password}
${network.users.map((u) => `  user    ${u.username} / ${u.password}  (${u.role}, ${u.organization})`).join('\n')}
  collaboration ${network.collaboration.id}: ${network.collaboration.name}
  nodes   ${network.nodes.map((n) => n.name).join(', ')}
  images  ${details.images.join(', ')}
connection details: ${file}
Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
