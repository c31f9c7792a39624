import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApiClient, ok } from '@federa/client';
import type { ClientToServerEvents, ServerToClientEvents } from '@federa/contract';
import {
  decryptText,
  encrypt,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  importPublicKeyPem,
} from '@federa/crypto';
import { type FederaServer, loadConfig, startServer } from '@federa/server';
import { chromium, type Browser } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';

const WEB = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(WEB, 'test-artifacts');
export const ROOT = { username: 'root', password: 'Root!pass1' };
export const PASSWORD = 'Research!1';

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

/** A real server, in this process, on a fresh embedded database. */
export async function startFedera(): Promise<FederaServer & { stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'federa-web-test-'));
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ROOT_USERNAME: ROOT.username,
      ROOT_PASSWORD: ROOT.password,
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'web-test-secret-web-test-secret-0123456',
    } as Record<string, string> as NodeJS.ProcessEnv),
  );
  return {
    ...server,
    stop: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const apiClient = (url: string, token?: string) => createApiClient({ baseUrl: url, token: () => token });

export async function apiLogin(url: string, username: string, password: string) {
  const body = ok(await apiClient(url).token.user({ body: { username, password } }));
  return { token: body.access_token, refresh: body.refresh_token, api: apiClient(url, body.access_token) };
}

/** Organizations A and B in one collaboration, a researcher in A, and a node for each. */
export async function createNetwork(url: string) {
  const root = await apiLogin(url, ROOT.username, ROOT.password);
  const roles = ok(await root.api.roles.list({ query: { per_page: 50 } })).data;
  const roleId = (name: string) => roles.find((r) => r.name === name)!.id;
  const a = ok(await root.api.organizations.create({ body: { name: 'Clinic Amsterdam' } }));
  const b = ok(await root.api.organizations.create({ body: { name: 'Hospital Berlin' } }));
  const collaboration = ok(
    await root.api.collaborations.create({ body: { name: 'Cardio study', organization_ids: [a.id, b.id] } }),
  );
  const createUser = async (organizationId: number, role: string) => {
    const username = unique(role.toLowerCase());
    ok(
      await root.api.users.create({
        body: { username, password: PASSWORD, organization_id: organizationId, roles: [roleId(role)] },
      }),
    );
    return username;
  };
  const node = async (organizationId: number, name: string) => {
    const created = ok(
      await root.api.nodes.create({
        body: { collaboration_id: collaboration.id, organization_id: organizationId, name },
      }),
    );
    const token = ok(await apiClient(url).token.node({ body: { api_key: created.api_key } }));
    return { ...created, token: token.access_token, api: apiClient(url, token.access_token) };
  };
  return {
    root,
    orgs: { a, b },
    collaboration,
    createUser,
    researcher: await createUser(a.id, 'Researcher'),
    nodeA: await node(a.id, 'node-amsterdam'),
    nodeB: await node(b.id, 'node-berlin'),
  };
}
export type Network = Awaited<ReturnType<typeof createNetwork>>;
export type ScriptedNode = Network['nodeA'];

/** What a node does for every open run: claim it, report progress, post the result. */
export async function answerOpenRuns(node: ScriptedNode, result: (input: string | null) => unknown) {
  const open = ok(await node.api.runs.list({ query: { state: 'open', per_page: 100 } }));
  for (const run of open.data) {
    ok(await node.api.runs.claim({ params: { id: run.id }, body: {} }));
    ok(await node.api.runs.update({ params: { id: run.id }, body: { status: 'active', log: 'started\n' } }));
    ok(
      await node.api.runs.submitResult({
        params: { id: run.id },
        body: {
          status: 'completed',
          result: JSON.stringify(result(run.input)),
          log: 'started\nread 120 rows\ndone',
        },
      }),
    );
  }
  return open.data.length;
}

/**
 * An encrypted collaboration of A and B with a scripted node each; every node has its
 * organization's key pair and publishes the public key with its own token, as a real node does.
 */
export async function createEncryptedCollaboration(url: string, network: Network) {
  const { a, b } = network.orgs;
  const collaboration = ok(
    await network.root.api.collaborations.create({
      body: { name: 'Secure registry', encrypted: true, organization_ids: [a.id, b.id] },
    }),
  );
  const node = async (organizationId: number, name: string) => {
    const created = ok(
      await network.root.api.nodes.create({
        body: { collaboration_id: collaboration.id, organization_id: organizationId, name },
      }),
    );
    const token = ok(await apiClient(url).token.node({ body: { api_key: created.api_key } }));
    const api = apiClient(url, token.access_token);
    const keys = await generateKeyPair();
    const public_key = await exportPublicKeyPem(keys.publicKey);
    ok(await api.organizations.update({ params: { id: organizationId }, body: { public_key } }));
    return { ...created, api, keys, privatePem: await exportPrivateKeyPem(keys.privateKey) };
  };
  return { collaboration, nodeA: await node(a.id, 'secure-amsterdam'), nodeB: await node(b.id, 'secure-berlin') };
}
export type EncryptedNode = Awaited<ReturnType<typeof createEncryptedCollaboration>>['nodeA'];

/** An encrypted node's work: decrypt each open run's input, encrypt result and log for the task's organization. */
export async function answerEncryptedRuns(node: EncryptedNode, result: (input: unknown) => unknown) {
  const open = ok(await node.api.runs.list({ query: { state: 'open', per_page: 100 } }));
  for (const run of open.data) {
    const input = JSON.parse(await decryptText(run.input!, node.keys.privateKey)) as unknown;
    const task = ok(await node.api.tasks.get({ params: { id: run.task_id } }));
    const initiator = ok(await node.api.organizations.get({ params: { id: task.init_org_id } }));
    const recipient = await importPublicKeyPem(initiator.public_key!);
    ok(await node.api.runs.claim({ params: { id: run.id }, body: {} }));
    ok(
      await node.api.runs.submitResult({
        params: { id: run.id },
        body: {
          status: 'completed',
          result: await encrypt(JSON.stringify(result(input)), [recipient]),
          log: await encrypt('started\nread 120 rows\ndone', [recipient]),
        },
      }),
    );
  }
  return open.data.length;
}

/** Connects a node's socket, which the server counts as the node being online. */
export async function connectNode(url: string, node: ScriptedNode) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${url}/tasks`, {
    auth: { token: node.token },
    transports: ['websocket'],
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** `next start` of the built app on a free port, pointed at the API. */
export async function startWeb(apiUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(WEB, 'node_modules/.bin/next'),
    ['start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: WEB,
      env: { ...process.env, NODE_OPTIONS: '', NEXT_TELEMETRY_DISABLED: '1', NEXT_PUBLIC_API_URL: apiUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      if ((await fetch(`${url}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
