import type { Result } from '@federa/contract';
import { encrypt, generateKeyPair, keyId, type KeyPair } from '@federa/crypto';
import type { PrivateKey } from './private-key';
import { openResult, resultJson, resultText } from './results';

const result = (fields: Partial<Result>): Result => ({
  id: 1,
  run_id: 1,
  task_id: 1,
  organization_id: 2,
  node: 3,
  status: 'completed',
  result: null,
  log: null,
  finished_at: null,
  ...fields,
});

describe('openResult', () => {
  let ours: KeyPair, theirs: KeyPair;
  const asPrivateKey = async (pair: KeyPair): Promise<PrivateKey> => ({
    file: 'org.pem',
    key: pair.privateKey,
    keyId: await keyId(pair.publicKey),
  });
  beforeAll(async () => {
    [ours, theirs] = await Promise.all([generateKeyPair(), generateKeyPair()]);
  });

  it('decodes a clear result as JSON or text', async () => {
    const json = await openResult(result({ result: '{"n":3}' }), { encrypted: false });
    expect(json.decoded).toEqual({ kind: 'json', value: { n: 3 } });
    expect(resultJson(json)).toMatchObject({ encrypted: false, value: { n: 3 } });
    const text = await openResult(result({ result: 'hello' }), { encrypted: false });
    expect(resultText(text.decoded)).toBe('hello');
  });

  it('leaves an envelope sealed without a key, and opens result and log with the right one', async () => {
    const sealed = result({
      result: await encrypt('{"n":3}', [ours.publicKey]),
      log: await encrypt('ran', [ours.publicKey]),
    });
    const closed = await openResult(sealed, { encrypted: true });
    expect(closed).toMatchObject({ decoded: { kind: 'encrypted' }, sealed: true });
    expect(resultJson(closed)).toMatchObject({ encrypted: true, value: null });

    const opened = await openResult(sealed, {
      encrypted: true,
      privateKey: await asPrivateKey(ours),
    });
    expect(opened).toMatchObject({ decoded: { kind: 'json', value: { n: 3 } }, sealed: false });
    expect(opened.result).toMatchObject({ result: '{"n":3}', log: 'ran' });
  });

  it('says why a key does not open a result', async () => {
    const sealed = result({ result: await encrypt('{"n":3}', [ours.publicKey]) });
    const wrong = await openResult(sealed, {
      encrypted: true,
      privateKey: await asPrivateKey(theirs),
    });
    expect(wrong.decoded).toEqual({
      kind: 'undecryptable',
      reason: expect.stringMatching(/^NOT_A_RECIPIENT/),
    });
    expect(resultJson(wrong)).toMatchObject({
      encrypted: true,
      value: null,
      decryption_error: expect.stringMatching(/^NOT_A_RECIPIENT/),
    });
  });
});
