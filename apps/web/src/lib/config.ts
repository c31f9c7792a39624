/**
 * The web app's configuration, read from the environment in this one place, on the server, at
 * request time: one `next build` serves any API URL (`NEXT_PUBLIC_API_URL=... next start`).
 * The root layout hands the result to the browser through <ConfigProvider>.
 */
export interface WebConfig {
  /** Origin of the Federa server, e.g. http://localhost:7601 (the contract adds `/api`). */
  apiUrl: string;
}

export const DEFAULT_API_URL = 'http://localhost:7601';

export function readConfig(env: Record<string, string | undefined> = process.env): WebConfig {
  // Looked up by a computed key so the bundler does not inline the build-time value.
  const key = ['NEXT', 'PUBLIC', 'API', 'URL'].join('_');
  const raw = env[key]?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${key} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${key} must be an http(s) URL, got "${raw}"`);
  }
  return { apiUrl: url.origin + url.pathname.replace(/\/+$/, '') };
}
