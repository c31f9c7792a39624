/**
 * The Content-Security-Policy of every page: scripts only from this app (by per-request nonce),
 * and network connections only to this app and the Federa API (HTTP and its websocket). The
 * browser itself then refuses any other host, whatever a dependency might try.
 */
export function contentSecurityPolicy(options: { nonce: string; apiUrl: string; dev: boolean }): string {
  const api = new URL(options.apiUrl);
  const ws = `${api.protocol === 'https:' ? 'wss:' : 'ws:'}//${api.host}`;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${api.origin} ${ws}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
