import type { AlgorithmInput, Result, TaskInput } from '@federa/contract';
import type { RunReport } from '../runs/run-reporter';

export type InputDecode = { ok: true; text: string | null } | { ok: false; reason: string };

/**
 * Where end-to-end encryption happens on the node. Algorithms always see plain JSON; in an
 * encrypted collaboration the node decrypts run inputs with its organization's private key,
 * encrypts results (and logs) for the task's initiating organization, encrypts a subtask's
 * input for each receiving organization and decrypts the subtask results addressed to it.
 */
export interface PayloadCodec {
  /** Inputs, results and logs travel as envelopes. */
  readonly encrypted: boolean;
  /** A run's input as the server holds it → the text the algorithm's input is parsed from. */
  decodeInput(input: string | null): Promise<InputDecode>;
  /** A final report → what the server may hold; throws when it cannot be encrypted. */
  encodeReport(report: RunReport, taskId: number): Promise<RunReport>;
  /** A subtask's input → the input each receiving organization gets. */
  encodeInput(
    input: AlgorithmInput,
    organizationIds: number[],
  ): Promise<{ id: number; input: TaskInput }[]>;
  /** Subtask results as the server holds them → readable by the algorithm. */
  decodeResults(results: Result[]): Promise<Result[]>;
}

/** Unencrypted collaborations: payloads pass through unchanged. */
export const plainCodec: PayloadCodec = {
  encrypted: false,
  decodeInput: (input) => Promise.resolve({ ok: true, text: input }),
  encodeReport: (report) => Promise.resolve(report),
  encodeInput: (input, organizationIds) =>
    Promise.resolve(organizationIds.map((id) => ({ id, input }))),
  decodeResults: (results) => Promise.resolve(results),
};
