import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, startServer } from '@federa/server';

export const ROOT = { username: 'root', password: 'Root!pass1' };

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/** A real server in this process: HTTP on a free port, embedded PGlite in a temp dir. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'federa-cli-server-'));
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ROOT_USERNAME: ROOT.username,
      ROOT_PASSWORD: ROOT.password,
      LOG_LEVEL: 'silent',
    }),
  );
  return {
    url: server.url,
    stop: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An address where nothing listens: a port taken from the OS, then released. */
export async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The server test/global-setup.ts started for all suites. */
export function sharedServer(): { url: string } {
  const url = process.env.FEDERA_TEST_SERVER_URL;
  if (!url) throw new Error('no test server: run through jest (test/global-setup.ts starts it)');
  return { url };
}

let counter = 0;
const run = randomBytes(3).toString('hex');
/** A name no other test uses, in this suite or another one sharing the server. */
export const unique = (prefix: string) => `${prefix}-${run}-${++counter}`;

/** Retries `check` until it stops throwing (or rethrows after `ms`). */
export async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
