import { ok } from '@federa/client';
import type { AlgorithmInput, Result } from '@federa/contract';
import {
  decryptText,
  encrypt,
  importPublicKeyPem,
  isCryptoError,
  looksLikeEnvelope,
} from '@federa/crypto';
import type { RunReport } from '../runs/run-reporter';
import type { ServerSession } from '../server/session';
import type { OrgKey } from './org-key';
import type { InputDecode, PayloadCodec } from './payload-codec';

/** An organization that cannot receive encrypted data; the message says why. */
export class NoPublicKeyError extends Error {}

/**
 * The codec of an encrypted collaboration. Public keys are read from the server each time
 * they are needed, so a key an administrator replaced is never used again.
 */
export class EnvelopeCodec implements PayloadCodec {
  readonly encrypted = true;

  constructor(
    private readonly session: ServerSession,
    private readonly key: OrgKey,
  ) {}

  async decodeInput(input: string | null): Promise<InputDecode> {
    if (input === null) return { ok: true, text: null };
    try {
      return { ok: true, text: await this.decrypt(input) };
    } catch (error) {
      if (!isCryptoError(error)) throw error;
      const hint =
        error.code === 'NOT_A_RECIPIENT'
          ? ` (this node's key id is ${this.key.keyId}: is it the organization's published key?)`
          : '';
      return { ok: false, reason: `input could not be decrypted: ${error.message}${hint}` };
    }
  }

  async encodeReport(report: RunReport, taskId: number): Promise<RunReport> {
    if (report.result === undefined && report.log === undefined) return report;
    const task = ok(await this.session.call((api) => api.tasks.get({ params: { id: taskId } })));
    const recipient = await this.publicKey(task.init_org_id);
    const seal = (text: string | undefined) =>
      text === undefined ? undefined : encrypt(text, [recipient]);
    const [result, log] = await Promise.all([seal(report.result), seal(report.log)]);
    return {
      ...report,
      ...(result !== undefined && { result }),
      ...(log !== undefined && { log }),
    };
  }

  async encodeInput(input: AlgorithmInput, organizationIds: number[]) {
    const text = JSON.stringify(input);
    return Promise.all(
      organizationIds.map(async (id) => ({
        id,
        input: await encrypt(text, [await this.publicKey(id)]),
      })),
    );
  }

  /** Results of subtasks this node's organization initiated: they are addressed to it. */
  async decodeResults(results: Result[]): Promise<Result[]> {
    return Promise.all(
      results.map(async (r) => ({
        ...r,
        result: r.result === null ? null : await this.decrypt(r.result),
        // a log the server took in clear (it checks results only) is passed on as it is
        log: r.log !== null && looksLikeEnvelope(r.log) ? await this.decrypt(r.log) : r.log,
      })),
    );
  }

  private decrypt(envelope: string): Promise<string> {
    return decryptText(envelope, this.key.privateKey, this.key.keyId);
  }

  private async publicKey(organizationId: number) {
    const org = ok(
      await this.session.call((api) => api.organizations.get({ params: { id: organizationId } })),
    );
    if (!org.public_key) {
      throw new NoPublicKeyError(`organization ${organizationId} has published no public key`);
    }
    return importPublicKeyPem(org.public_key);
  }
}
