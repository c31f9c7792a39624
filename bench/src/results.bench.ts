import { randomBytes } from 'node:crypto';
import { API_PREFIX, type Run } from '@federa/contract';
import type { BenchContext, Row } from './context';
import { buildFederation, createTask, type Federation, taskBody } from './federation';
import { HttpClient, type HttpResponse } from './http';
import type { ChildServer } from './launcher';
import { since } from './stats';

const MB = 1024 * 1024;
const DEFAULT_MAX_BODY_BYTES = 16 * MB;

interface Transfer {
  uploadMs: number;
  downloadMs: number;
  /** peak RSS growth of the server during upload and during download, bytes */
  uploadPeak: number;
  downloadPeak: number;
  error?: string;
}

const failed = (error: string): Transfer => ({
  uploadMs: NaN,
  downloadMs: NaN,
  uploadPeak: NaN,
  downloadPeak: NaN,
  error,
});

/** A result body of `size` characters: base64, like an encrypted envelope (no JSON escapes). */
const resultText = (size: number) =>
  randomBytes(Math.ceil((size * 3) / 4))
    .toString('base64')
    .slice(0, size);
const label = (size: number) => (size >= 1e6 ? `${size / 1e6} MB` : `${size / 1e3} kB`);

/**
 * 5. Large results: a node posts a result of 1, 10 and 100 MB (POST /run/{id}/result), the
 * researcher downloads it (GET /task/{id}/result); time of each and the server's peak RSS
 * growth (VmHWM, reset before each phase). The server runs with MAX_BODY_BYTES large enough.
 * Baseline: a bare node:http server storing the same bytes in a text column and sending them back.
 */
export async function resultsBench(ctx: BenchContext): Promise<Row[]> {
  const sizes = ctx.options.resultSizesMb.map((mb) => Math.round(mb * 1e6));
  const maxBody = Math.max(...sizes) * 2 + MB;
  const { server, target } = await ctx.federa('results', { MAX_BODY_BYTES: String(maxBody) });
  const fed = await buildFederation(server.url, 'results', 1);
  const federa = new Map<number, Transfer>();
  for (const size of sizes) {
    const body = JSON.stringify({ status: 'completed', result: resultText(size) });
    const phase = await ctx.phases.begin(server);
    const result = await federaTransfer(server, fed, body).catch((error: unknown) =>
      failed(String(error)),
    );
    await ctx.phases.end(
      phase,
      target,
      `results: operation = upload + download of ${label(size)}`,
      1,
    );
    federa.set(size, result);
    ctx.log(`Federa ${label(size)}: ${describe(result)}`);
  }
  await server.stop();
  if (ctx.options.defaultLimitCheck) ctx.notes.push(await defaultLimit(ctx, Math.max(...sizes)));

  const bare = new Map<number, Transfer>();
  const bareServer = await ctx.bare('bare-http', 'results', target);
  const http = new HttpClient(bareServer.url, { maxSockets: 1 });
  for (const size of sizes) {
    const body = JSON.stringify({ status: 'completed', result: resultText(size) });
    const result = await measure(
      bareServer,
      () => http.request('POST', '/blob', body),
      (up) => http.request('GET', `/blob/${(JSON.parse(up.body.toString()) as { id: number }).id}`),
      size,
    ).catch((error: unknown) => failed(String(error)));
    bare.set(size, result);
    ctx.log(`baseline ${label(size)}: ${describe(result)}`);
  }
  http.close();
  await bareServer.stop();

  const rows: Row[] = [];
  for (const size of sizes) {
    const f = federa.get(size)!;
    const b = bare.get(size)!;
    const bench = `5 result of ${label(size)}`;
    const note = [f.error && `Federa: ${f.error}`, b.error && `baseline: ${b.error}`]
      .filter(Boolean)
      .join('; ');
    const row = (metric: string, unit: string, fv: number, bv: number): Row => ({
      bench,
      db: ctx.db,
      metric,
      unit,
      federa: fv,
      baseline: bv,
      better: 'lower',
      ...(note ? { note } : {}),
    });
    rows.push(
      row('upload', 'ms', f.uploadMs, b.uploadMs),
      row('download', 'ms', f.downloadMs, b.downloadMs),
      row('peak RSS growth, upload', 'MB', f.uploadPeak / MB, b.uploadPeak / MB),
      row('peak RSS growth, download', 'MB', f.downloadPeak / MB, b.downloadPeak / MB),
    );
  }
  return rows;
}

/** A fresh task at the federation's one organization; its node claims the run and uploads. */
async function federaTransfer(
  server: ChildServer,
  fed: Federation,
  body: string,
): Promise<Transfer> {
  const node = fed.nodes[0]!;
  const nodeHttp = new HttpClient(server.url, { maxSockets: 1, token: node.token });
  const researcherHttp = new HttpClient(server.url, { maxSockets: 1, token: fed.researcher.token });
  try {
    const task = await createTask(
      researcherHttp,
      fed.researcher.token,
      taskBody(fed.collaborationId, 'big-result'),
    );
    const runs = await nodeHttp.json<{ data: Run[] }>(
      'GET',
      `${API_PREFIX}/run?task_id=${task.id}`,
    );
    const runId = runs.data[0]!.id;
    await nodeHttp.json('POST', `${API_PREFIX}/run/${runId}/claim`);
    return await measure(
      server,
      () => nodeHttp.request('POST', `${API_PREFIX}/run/${runId}/result`, body),
      () => researcherHttp.request('GET', `${API_PREFIX}/task/${task.id}/result`),
      body.length - 40,
    );
  } finally {
    nodeHttp.close();
    researcherHttp.close();
  }
}

async function measure(
  server: ChildServer,
  upload: () => Promise<HttpResponse>,
  download: (uploaded: HttpResponse) => Promise<HttpResponse>,
  minDownload: number,
): Promise<Transfer> {
  await server.memory(true);
  server.resetPeak();
  let base = server.proc().rss;
  let start = performance.now();
  const up = await upload();
  const uploadMs = since(start);
  const uploadPeak = server.proc().peak - base;
  if (up.status >= 300) {
    return {
      ...failed(`upload → HTTP ${up.status} ${up.body.toString().slice(0, 160)}`),
      uploadMs,
      uploadPeak,
    };
  }
  await server.memory(true);
  server.resetPeak();
  base = server.proc().rss;
  start = performance.now();
  const down = await download(up);
  const downloadMs = since(start);
  const downloadPeak = server.proc().peak - base;
  if (down.status !== 200 || down.body.length < minDownload) {
    return {
      ...failed(`download → HTTP ${down.status}, ${down.body.length} bytes`),
      uploadMs,
      uploadPeak,
    };
  }
  return { uploadMs, downloadMs, uploadPeak, downloadPeak };
}

/** What the largest result meets on a server with the default body limit. */
async function defaultLimit(ctx: BenchContext, size: number): Promise<string> {
  const { server } = await ctx.federa('results_default_limit');
  const fed = await buildFederation(server.url, 'limit', 1);
  const body = JSON.stringify({ status: 'completed', result: resultText(size) });
  const result = await federaTransfer(server, fed, body).catch((error: unknown) =>
    failed(String(error)),
  );
  await server.stop();
  return (
    `5 (${ctx.db}): with the default MAX_BODY_BYTES (${DEFAULT_MAX_BODY_BYTES / MB} MiB) a ${label(size)} result ` +
    (result.error
      ? `is refused: ${result.error} after ${result.uploadMs.toFixed(0)} ms, peak RSS growth ${(result.uploadPeak / MB).toFixed(0)} MB.`
      : `was accepted (upload ${result.uploadMs.toFixed(0)} ms).`)
  );
}

const describe = (t: Transfer) =>
  t.error
    ? `failed: ${t.error}`
    : `up ${t.uploadMs.toFixed(0)} ms (+${(t.uploadPeak / MB).toFixed(0)} MB), ` +
      `down ${t.downloadMs.toFixed(0)} ms (+${(t.downloadPeak / MB).toFixed(0)} MB)`;
