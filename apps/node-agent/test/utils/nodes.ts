import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, startNode, type NodeConfigInput, type NodeDaemon } from '../../src';
import { createLogger } from '../../src/logger';
import type { TestOrg } from './network';

export const FIXTURE_ALGORITHM = path.resolve(__dirname, '../fixtures/algorithm.js');
export const FIXTURE_IMAGE = 'federa/node-test-fixture';

/** A temp dir for one test file; everything a test writes goes below it. */
export function tempDir(prefix: string): string {
  // Short: run dirs hold unix sockets, whose paths are limited to ~107 bytes.
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeCsv(dir: string, name: string, rows: (string | number)[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n', { mode: 0o644 });
  return file;
}

/** Starts a node agent for an organization of the test network. */
export async function startTestNode(
  serverUrl: string,
  org: TestOrg,
  dir: string,
  overrides: Partial<NodeConfigInput> = {},
): Promise<NodeDaemon> {
  const config = parseConfig({
    server_url: serverUrl,
    api_key: org.apiKey,
    name: org.org.name,
    work_dir: path.join(dir, `n${org.nodeId}`),
    poll_interval: 60, // events drive the node; a slow poll is only the safety net
    heartbeat_interval: 1,
    shutdown_timeout: 10,
    log_level: 'silent',
    runtime: 'process',
    process: { images: { [FIXTURE_IMAGE]: FIXTURE_ALGORITHM } },
    ...overrides,
  });
  return startNode(config, {
    log: createLogger(process.env.NODE_TEST_LOG ?? 'silent'),
    reporter: { retryDelayMs: 100 },
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
