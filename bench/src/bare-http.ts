import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BareServer } from './bare-io';
import type { BareDb } from './bare-db';

/** What GET /task/{id} returns: the task row and the organizations of its runs, one SELECT. */
export const TASK_SELECT = `SELECT t.*, ARRAY(SELECT r."organizationId" FROM run r
  WHERE r."taskId" = t.id ORDER BY 1) AS organization_ids FROM task t WHERE t.id = $1`;

/**
 * The polling and large-result baseline: node:http with no framework, no authentication and no
 * validation, on the same database the Federa server used.
 *   GET  /task/:id   the task SELECT above, as JSON
 *   POST /blob       stores the request body in a text column, answers {id}
 *   GET  /blob/:id   sends the stored text back
 */
export async function startBareHttp(db: BareDb): Promise<BareServer> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS bench_blob (id serial PRIMARY KEY, body text NOT NULL)',
  );
  const server = http.createServer((req, res) => {
    handle(db, req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

async function handle(db: BareDb, req: http.IncomingMessage, res: http.ServerResponse) {
  const task = /^\/task\/(\d+)$/.exec(req.url ?? '');
  if (req.method === 'GET' && task) {
    const rows = await db.query(TASK_SELECT, [Number(task[1])]);
    return send(res, rows[0] ? 200 : 404, JSON.stringify(rows[0] ?? { error: 'not_found' }));
  }
  if (req.method === 'POST' && req.url === '/blob') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const [row] = await db.query<{ id: number }>(
      'INSERT INTO bench_blob (body) VALUES ($1) RETURNING id',
      [body],
    );
    return send(res, 201, JSON.stringify({ id: row!.id }));
  }
  const blob = /^\/blob\/(\d+)$/.exec(req.url ?? '');
  if (req.method === 'GET' && blob) {
    const [row] = await db.query<{ body: string }>('SELECT body FROM bench_blob WHERE id = $1', [
      Number(blob[1]),
    ]);
    return send(res, row ? 200 : 404, row ? row.body : '{}');
  }
  return send(res, 404, '{}');
}

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
