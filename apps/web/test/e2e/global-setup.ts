import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const WEB = path.resolve(__dirname, '../..');

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(dir)
    .reduce((max, name) => Math.max(max, newest(path.join(dir, name))), stat.mtimeMs);
}

/** `next build` once, unless the build is newer than the sources it is made of. */
export default function globalSetup(): void {
  const buildId = path.join(WEB, '.next', 'BUILD_ID');
  const sources = [
    path.join(WEB, 'src'),
    path.join(WEB, 'next.config.ts'),
    path.join(WEB, 'package.json'),
    path.join(WEB, '../../packages/contract/dist'),
    path.join(WEB, '../../packages/client/dist'),
    path.join(WEB, '../../packages/crypto/dist'),
  ];
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (!process.env.FEDERA_WEB_REBUILD && builtAt > Math.max(...sources.map(newest))) return;

  process.stdout.write('\n[web] next build (sources changed since the last build)…\n');
  const result = spawnSync(path.join(WEB, 'node_modules/.bin/next'), ['build'], {
    cwd: WEB,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_OPTIONS: '', FEDERA_WEB_SKIP_TYPECHECK: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}
