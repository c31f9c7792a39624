import type { AlgorithmInput, Result, TaskInput } from '@federa/contract';

/**
 * Where end-to-end encryption hooks into the proxy: the algorithm always speaks plain JSON;
 * in an encrypted collaboration the node encrypts a subtask's input for each receiving
 * organization and decrypts the results addressed to its own organization.
 */
export interface PayloadCodec {
  encodeInput(input: AlgorithmInput, organizationIds: number[]): Promise<TaskInput>;
  decodeResults(results: Result[]): Promise<Result[]>;
}

/** Unencrypted collaborations: payloads pass through unchanged. */
export const plainCodec: PayloadCodec = {
  encodeInput: (input) => Promise.resolve(input),
  decodeResults: (results) => Promise.resolve(results),
};
