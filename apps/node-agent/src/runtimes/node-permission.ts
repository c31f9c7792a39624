import { execFileSync } from 'node:child_process';

export interface NodeVersion {
  major: number;
  minor: number;
}

export function parseNodeVersion(text: string): NodeVersion {
  const match = /^v?(\d+)\.(\d+)/.exec(text.trim());
  if (!match) throw new Error(`cannot read a node version from "${text.trim()}"`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** The version of the node binary that will run algorithms (ours unless configured). */
export function detectNodeVersion(nodeBinary: string): NodeVersion {
  if (nodeBinary === process.execPath) return parseNodeVersion(process.version);
  return parseNodeVersion(
    execFileSync(nodeBinary, ['--version'], { encoding: 'utf8', timeout: 10_000 }),
  );
}

const atLeast = (v: NodeVersion, major: number, minor: number) =>
  v.major > major || (v.major === major && v.minor >= minor);

/**
 * Command-line flags that confine a node process with the permission model: it may read
 * only `reads`, write only `writes`, and spawn nothing (no child processes, no workers, no
 * addons). The flag is `--permission` from Node 22.13 / 23.5, `--experimental-permission`
 * before; one `--allow-fs-*` per path (commas stopped working in 20.7).
 */
export function permissionFlags(version: NodeVersion, reads: string[], writes: string[]): string[] {
  if (!atLeast(version, 20, 11)) {
    throw new Error(
      `the process runtime needs Node >= 20.11 for its permission model (found ${version.major}.${version.minor})`,
    );
  }
  const stable = atLeast(version, 23, 5) || (version.major === 22 && version.minor >= 13);
  return [
    stable ? '--permission' : '--experimental-permission',
    // The experimental flag prints a warning into every run's log; it says nothing useful there.
    ...(stable ? [] : ['--disable-warning=ExperimentalWarning']),
    ...reads.map((p) => `--allow-fs-read=${p}`),
    ...writes.map((p) => `--allow-fs-write=${p}`),
  ];
}
