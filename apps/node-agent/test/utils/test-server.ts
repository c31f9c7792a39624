import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, startServer, type FederaServer } from '@federa/server';

export const ROOT = { username: 'root', password: 'Root!pass1' };

export interface TestServer extends FederaServer {
  stop(): Promise<void>;
}

/** A real Federa server on embedded PGlite in a fresh temp dir, on a free port. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'federa-node-test-server-'));
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ROOT_USERNAME: ROOT.username,
      ROOT_PASSWORD: ROOT.password,
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'node-test-secret-node-test-secret-0123456',
      ...env,
    }),
  );
  return {
    ...server,
    stop: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
