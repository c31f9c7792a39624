import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient, ok } from '@federa/client';
import { startServer, type FederaServer } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createTestDatabase, type TestDatabase } from './database';

export const ROOT = { username: 'root', password: 'Root!pass1' };

export interface TestServer extends FederaServer {
  /** the instance's environment, to start a second instance on the same database */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts a real server (HTTP on a free port) on a fresh database of the configured kind. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'federa-test-'));
  const fullEnv: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ROOT_USERNAME: ROOT.username,
    ROOT_PASSWORD: ROOT.password,
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  };
  const server = await startServer(loadConfig(fullEnv));
  return {
    ...server,
    env: fullEnv,
    stop: async () => {
      await server.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function client(server: { url: string }, token?: string) {
  return createApiClient({ baseUrl: server.url, token: () => token });
}

export async function login(server: { url: string }, username: string, password: string) {
  const body = ok(await client(server).token.user({ body: { username, password } }));
  return {
    token: body.access_token,
    refresh: body.refresh_token,
    api: client(server, body.access_token),
  };
}
