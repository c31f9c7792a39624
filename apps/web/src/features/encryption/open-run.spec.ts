import type { Run } from '@federa/contract';
import { encrypt, generateKeyPair, keyId, type KeyPair } from '@federa/crypto';
import { openRun } from './open-run';

const run = (fields: Partial<Run>): Run => ({
  id: 1,
  task_id: 1,
  organization_id: 2,
  node_id: 3,
  status: 'completed',
  status_reason: null,
  input: null,
  result: null,
  log: null,
  assigned_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  finished_at: null,
  ...fields,
});

describe('openRun', () => {
  let ours: KeyPair, theirs: KeyPair;
  const loaded = async (pair: KeyPair) => ({ key: pair.privateKey, keyId: await keyId(pair.publicKey) });
  beforeAll(async () => {
    [ours, theirs] = await Promise.all([generateKeyPair(), generateKeyPair()]);
  });

  it('keeps a run sealed without a key', async () => {
    const sealed = run({ result: await encrypt('{"n":1}', [ours.publicKey]) });
    expect(await openRun(sealed, null)).toEqual({ run: sealed, sealed: true });
  });

  it('decrypts result and log with the right key', async () => {
    const sealed = run({
      result: await encrypt('{"n":1}', [ours.publicKey]),
      log: await encrypt('done', [ours.publicKey]),
    });
    const opened = await openRun(sealed, await loaded(ours));
    expect(opened).toMatchObject({ sealed: false, run: { result: '{"n":1}', log: 'done' } });
  });

  it('says why another key does not open it', async () => {
    const sealed = run({ result: await encrypt('{"n":1}', [ours.publicKey]) });
    const opened = await openRun(sealed, await loaded(theirs));
    expect(opened).toEqual({ run: sealed, sealed: true, error: expect.stringMatching(/^NOT_A_RECIPIENT/) });
  });
});
