import type { Run } from '@federa/contract';
import { decryptText, isCryptoError } from '@federa/crypto';
import type { LoadedKey } from './private-key-provider';

/** A run as the page shows it: result and log in clear, or still sealed (and why). */
export type OpenedRun =
  | { run: Run; sealed: false }
  | { run: Run; sealed: true; error?: string };

/** Decrypts a run's result and log in the browser with the loaded key. */
export async function openRun(run: Run, key: LoadedKey | null): Promise<OpenedRun> {
  if (!key) return { run, sealed: true };
  const open = (envelope: string | null) =>
    envelope ? decryptText(envelope, key.key, key.keyId) : Promise.resolve(envelope);
  try {
    const [result, log] = await Promise.all([open(run.result), open(run.log)]);
    return { run: { ...run, result, log }, sealed: false };
  } catch (error) {
    if (!isCryptoError(error)) throw error;
    return { run, sealed: true, error: error.message };
  }
}
