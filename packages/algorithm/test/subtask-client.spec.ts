import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpTransport, ProxyError, SubtaskClient, SubtaskFailedError } from '../src';
import {
  echoProxy,
  makeResult,
  makeTask,
  startFakeProxy,
  type ProxyHandler,
} from './helpers/fake-proxy';

// The subtask client against a real HTTP server on a unix socket, standing in for the node proxy.
let dir: string;
let socketPath: string;
let close: (() => Promise<void>) | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'federa-proxy-'));
  socketPath = join(dir, 'proxy.sock');
});

afterEach(async () => {
  await close?.();
  close = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function clientFor(handler: ProxyHandler, poll = { initialDelayMs: 5, maxDelayMs: 20 }) {
  const proxy = await startFakeProxy(socketPath, handler);
  close = proxy.close;
  const client = new SubtaskClient(new HttpTransport({ socketPath, token: 'tok' }), poll);
  return { client, requests: proxy.requests };
}

describe('SubtaskClient over the node proxy socket', () => {
  it('creates a subtask with a validated body and the bearer token', async () => {
    const { client, requests } = await clientFor(echoProxy());
    const task = await client.createSubtask({
      input: { method: 'partial' },
      organization_ids: [2, 1],
      databases: ['default'],
    });
    expect(task).toMatchObject({ id: 10, organization_ids: [2, 1], complete: false });
    expect(requests[0]).toEqual({
      method: 'POST',
      url: '/task',
      authorization: 'Bearer tok',
      body: {
        input: { method: 'partial', args: {} },
        organization_ids: [2, 1],
        databases: ['default'],
      },
    });
  });

  it('polls until the task is complete and returns parsed results ordered by organization', async () => {
    const { client, requests } = await clientFor(echoProxy(4));
    const results = await client.runSubtask<{ organizationId: number }>({
      input: { method: 'partial', args: { k: 1 } },
      organization_ids: [3, 1, 2],
    });
    expect(results.map((r) => r.organizationId)).toEqual([1, 2, 3]);
    expect(requests.filter((r) => r.url === '/task/10')).toHaveLength(4);
    expect(requests.at(-1)?.url).toBe('/task/10/result');
  });

  it('backs off between polls, capped by maxDelayMs', async () => {
    const times: number[] = [];
    const inner = echoProxy(8);
    const { client } = await clientFor(
      (req) => {
        if (req.url === '/task/10') times.push(Date.now());
        return inner(req);
      },
      { initialDelayMs: 10, maxDelayMs: 30 },
    );
    await client.runSubtask({ input: { method: 'm' }, organization_ids: [1] });
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(Math.max(...gaps)).toBeLessThan(30 + 40);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(29);
  });

  it("throws SubtaskFailedError with each failed run's status and log", async () => {
    const { client } = await clientFor((req) => {
      if (req.url === '/task/7')
        return { status: 200, body: makeTask({ complete: true, status: 'failed' }) };
      if (req.url === '/task/7/result') {
        return {
          status: 200,
          body: [
            makeResult({ organization_id: 1, result: '{"ok":true}' }),
            makeResult({
              id: 2,
              run_id: 2,
              organization_id: 2,
              status: 'failed',
              result: null,
              log: 'Error: boom\n  at x',
            }),
            makeResult({
              id: 3,
              run_id: 3,
              organization_id: 3,
              status: 'not_allowed',
              result: null,
              log: null,
            }),
          ],
        };
      }
      return undefined;
    });
    const error = await client.waitForResults(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubtaskFailedError);
    const failed = error as SubtaskFailedError;
    expect(failed.taskId).toBe(7);
    expect(failed.runs).toEqual([
      { runId: 2, organizationId: 2, status: 'failed', log: 'Error: boom\n  at x' },
      { runId: 3, organizationId: 3, status: 'not_allowed', log: null },
    ]);
    expect(failed.message).toContain('organization 2 (run 2): failed');
    expect(failed.message).toContain('Error: boom');
    expect(failed.message).toContain('organization 3 (run 3): not_allowed');
  });

  it("reports the proxy's error envelope", async () => {
    const { client } = await clientFor(() => ({
      status: 403,
      body: {
        statusCode: 403,
        error: 'forbidden',
        message: 'organization 9 is not in collaboration 1',
      },
    }));
    const error = await client
      .createSubtask({ input: { method: 'm' }, organization_ids: [9] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as ProxyError).status).toBe(403);
    expect((error as Error).message).toBe(
      'node proxy: POST /task answered 403: organization 9 is not in collaboration 1',
    );
  });

  it('rejects a response that does not match the contract', async () => {
    const { client } = await clientFor(() => ({ status: 200, body: { id: 'seven' } }));
    await expect(client.getTask(7)).rejects.toThrow(
      /the node proxy sent an invalid task: id: Expected number/,
    );
  });

  it('rejects a result that is not JSON', async () => {
    const { client } = await clientFor((req) =>
      req.url === '/task/7'
        ? { status: 200, body: makeTask({ complete: true, status: 'completed' }) }
        : { status: 200, body: [makeResult({ result: 'gAAAA-encrypted' })] },
    );
    await expect(client.waitForResults(7)).rejects.toThrow(
      'the result of organization 1 (run 1) is not JSON',
    );
  });

  it('validates the subtask before sending it', async () => {
    const { client, requests } = await clientFor(echoProxy());
    await expect(
      client.createSubtask({ input: { method: 'm' }, organization_ids: [] }),
    ).rejects.toThrow(
      'invalid subtask: organization_ids: Array must contain at least 1 element(s)',
    );
    expect(requests).toHaveLength(0);
  });

  it('gives up after timeoutMs', async () => {
    const { client } = await clientFor(() => ({
      status: 200,
      body: makeTask({ status: 'active' }),
    }));
    await expect(client.waitForTask(7, { timeoutMs: 50 })).rejects.toThrow(
      'subtask 7 is still active after 50 ms',
    );
  });

  it('says so when nothing listens on the socket', async () => {
    const client = new SubtaskClient(new HttpTransport({ socketPath: join(dir, 'absent.sock') }));
    await expect(client.getTask(1)).rejects.toThrow(
      `cannot reach the node proxy at ${join(dir, 'absent.sock')}`,
    );
  });
});
