import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { RUN_FILES, type AlgorithmInput, type RunContext } from '@federa/contract';

/** Results go to the server in one request (16 MB body limit, with the log beside it): refuse more than this. */
const MAX_OUTPUT_BYTES = 12 * 1024 * 1024;

export const runDirOf = (workDir: string, runId: number) =>
  path.join(workDir, 'runs', String(runId));

export interface RunFilesToWrite {
  input: AlgorithmInput;
  context: RunContext;
  token: string;
}

/**
 * Lays out a fresh run directory. `runs/` is private to the node (0700); the run dir itself
 * is open (0777) because the algorithm may run as another user (a container's `nobody`) and
 * must write output.json there. Nobody else on the host can reach it through `runs/`.
 */
export function prepareRunDir(runDir: string, files: RunFilesToWrite): void {
  const parent = path.dirname(runDir);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  chmodSync(parent, 0o700);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { mode: 0o777 });
  chmodSync(runDir, 0o777); // mkdir's mode is filtered by the umask
  const write = (name: string, text: string) =>
    writeFileSync(path.join(runDir, name), text, { mode: 0o644 });
  write(RUN_FILES.input, JSON.stringify(files.input));
  write(RUN_FILES.context, JSON.stringify(files.context, null, 2));
  write(RUN_FILES.token, files.token);
}

/** The container token written for the run (undefined when the run dir is gone). */
export function readRunToken(runDir: string): string | undefined {
  const file = path.join(runDir, RUN_FILES.token);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

export function removeRunDir(runDir: string): void {
  rmSync(runDir, { recursive: true, force: true });
}

export type OutputRead = { ok: true; text: string } | { ok: false; reason: string };

/** Reads output.json: the run's result, posted as compact JSON text. */
export function readOutput(runDir: string): OutputRead {
  const file = path.join(runDir, RUN_FILES.output);
  if (!existsSync(file)) {
    return {
      ok: false,
      reason: `the algorithm exited with code 0 but wrote no ${RUN_FILES.output}`,
    };
  }
  const size = statSync(file).size;
  if (size > MAX_OUTPUT_BYTES) {
    return {
      ok: false,
      reason: `${RUN_FILES.output} is ${size} bytes; the most a node uploads is ${MAX_OUTPUT_BYTES}`,
    };
  }
  const text = readFileSync(file, 'utf8');
  try {
    return { ok: true, text: JSON.stringify(JSON.parse(text)) };
  } catch (error) {
    return { ok: false, reason: `${RUN_FILES.output} is not JSON: ${(error as Error).message}` };
  }
}
