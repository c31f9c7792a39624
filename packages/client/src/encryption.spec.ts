import type { Organization } from '@federa/contract';
import { decryptText, exportPublicKeyPem, generateKeyPair } from '@federa/crypto';
import { MissingPublicKeyError, encryptTaskInput } from './encryption';

const organizationWith = (id: number, public_key: string | null): Organization => ({
  id,
  name: `org ${id}`,
  domain: null,
  address: null,
  country: null,
  public_key,
});

describe('encryptTaskInput', () => {
  it('encrypts the input for each organization, readable only with its own private key', async () => {
    const [one, two] = await Promise.all([generateKeyPair(), generateKeyPair()]);
    const pems = new Map([
      [1, await exportPublicKeyPem(one.publicKey)],
      [2, await exportPublicKeyPem(two.publicKey)],
    ]);
    const read: number[] = [];
    const sealed = await encryptTaskInput(
      { method: 'mean', kwargs: { column: 'age' } },
      [1, 2],
      async (id) => {
        read.push(id);
        return organizationWith(id, pems.get(id)!);
      },
    );
    expect(read.sort()).toEqual([1, 2]);
    expect(sealed.map((s) => s.id)).toEqual([1, 2]);
    const plain = JSON.stringify({ method: 'mean', kwargs: { column: 'age' } });
    expect(await decryptText(sealed[0]!.input, one.privateKey)).toBe(plain);
    expect(await decryptText(sealed[1]!.input, two.privateKey)).toBe(plain);
    await expect(decryptText(sealed[0]!.input, two.privateKey)).rejects.toThrow();
  });

  it('sends a string input as it is', async () => {
    const pair = await generateKeyPair();
    const pem = await exportPublicKeyPem(pair.publicKey);
    const [sealed] = await encryptTaskInput('{"a":1}', [7], async (id) =>
      organizationWith(id, pem),
    );
    expect(await decryptText(sealed!.input, pair.privateKey)).toBe('{"a":1}');
  });

  it('names the organization that has no public key', async () => {
    const pair = await generateKeyPair();
    const pem = await exportPublicKeyPem(pair.publicKey);
    const attempt = encryptTaskInput('{}', [1, 2], async (id) =>
      organizationWith(id, id === 2 ? null : pem),
    );
    await expect(attempt).rejects.toBeInstanceOf(MissingPublicKeyError);
    await expect(attempt).rejects.toMatchObject({ organization: { id: 2 } });
  });
});
