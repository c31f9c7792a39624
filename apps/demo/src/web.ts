import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const WEB_DIR = path.resolve(__dirname, '../../web');

/** Starts the built web UI (`next start`) against the API, or explains why it cannot. */
export function startWeb(port: number, apiUrl: string): { child?: ChildProcess; note?: string } {
  if (!existsSync(path.join(WEB_DIR, '.next', 'BUILD_ID'))) {
    return { note: 'web UI not built (pnpm --filter @federa/web build); serving the API only' };
  }
  const child = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next', { paths: [WEB_DIR] }), 'start', '-p', String(port)],
    {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        NEXT_PUBLIC_API_URL: apiUrl,
        FEDERA_API_URL: apiUrl,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      stdio: 'ignore',
    },
  );
  return { child };
}
