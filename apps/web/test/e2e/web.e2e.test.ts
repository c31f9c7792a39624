import fs from 'node:fs';
import path from 'node:path';
import { ok } from '@federa/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import {
  answerEncryptedRuns,
  answerOpenRuns,
  apiClient,
  apiLogin,
  ARTIFACTS,
  connectNode,
  createEncryptedCollaboration,
  createNetwork,
  launchBrowser,
  type Network,
  PASSWORD,
  ROOT,
  startFedera,
  startWeb,
  unique,
} from './harness';

jest.setTimeout(60_000);

/**
 * The web UI in Chromium against a real server (in this process) and `next start` of the
 * built app. Nodes are scripted over plain HTTP and answer only after the task is on screen.
 */
describe('the web UI', () => {
  let server: Awaited<ReturnType<typeof startFedera>>;
  let web: Awaited<ReturnType<typeof startWeb>>;
  let browser: Browser;
  let network: Network;
  const requested = new Set<string>();
  const cspViolations: string[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await startFedera();
    // Settled one by one, so what did start is stopped in afterAll even when another part failed.
    const [n, w, b] = await Promise.allSettled([createNetwork(server.url), startWeb(server.url), launchBrowser()]);
    if (w.status === 'fulfilled') web = w.value;
    if (b.status === 'fulfilled') browser = b.value;
    if (n.status === 'fulfilled') network = n.value;
    const failed = [n, w, b].find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await browser?.close();
    await web?.stop();
    await server?.stop();
  });

  /** A fresh browser profile whose every request (and websocket) is recorded. */
  async function newPage(options: { viewport?: { width: number; height: number } } = {}) {
    const context: BrowserContext = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 860 } });
    context.setDefaultTimeout(10_000);
    context.on('request', (request) => requested.add(request.url()));
    const page = await context.newPage();
    page.on('websocket', (ws) => requested.add(ws.url()));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  }

  async function login(page: Page, username: string, password: string) {
    await page.goto(`${web.url}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  const unlabelled: string[] = [];
  /** Screenshots the page, and notes any form control without an accessible label. */
  async function shot(page: Page, name: string) {
    const bare = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
        .filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    unlabelled.push(...bare.map((html) => `${name}: ${html}`));
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  it('refuses a wrong password with a message', async () => {
    const page = await newPage();
    await login(page, network.researcher, 'Wrong!pass1');
    await expectAlert(page, 'Wrong username or password.');
    expect(page.url()).toContain('/login');
    await shot(page, 'login-refused');
    await page.context().close();
  });

  it('tells a locked-out user so', async () => {
    const username = await network.createUser(network.orgs.a.id, 'Viewer');
    for (let i = 0; i < 5; i++) {
      await apiClient(server.url).token.user({ body: { username, password: 'Wrong!pass1' } });
    }
    const page = await newPage();
    await login(page, username, PASSWORD);
    await expectAlert(page, /Your account is locked/);
    await page.context().close();
  });

  it('home: collaborations, organizations and nodes, with node status live', async () => {
    const page = await newPage();
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    const card = page.getByRole('region', { name: 'Cardio study' });
    await card.getByText('Hospital Berlin').waitFor();
    const nodeA = card.locator(`[data-node="${network.nodeA.id}"] .badge`);
    await expectText(nodeA, 'offline');
    await page.locator('[data-live="on"]').waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    sockets.push(await connectNode(server.url, network.nodeA));
    await expectText(nodeA, 'online');
    await expectText(card.locator(`[data-node="${network.nodeB.id}"] .badge`), 'offline');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await shot(page, 'home');
    await page.context().close();
  });

  it('creates a task through the form and watches it complete without a reload', async () => {
    const page = await newPage();
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    await page.getByRole('link', { name: 'New task' }).first().click();
    await page.getByRole('heading', { name: 'New task' }).waitFor();

    // Validation first: an empty form and broken JSON are refused on the page.
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByText('Give the task a name.').waitFor();
    await page.getByLabel('Collaboration').selectOption({ label: 'Cardio study' });
    await page.getByLabel('Clinic Amsterdam').waitFor();
    expect(await page.getByLabel('Clinic Amsterdam').isChecked()).toBe(true);
    expect(await page.getByLabel('Hospital Berlin').isChecked()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('Mean age');
    await page.getByLabel('Algorithm image').fill('federa/summary:1');
    await page.getByLabel('Description').fill('average age per site');
    await page.getByLabel('Input (JSON)').fill('{"column": "age",');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByText(/Input is not valid JSON/).waitFor();
    await page.getByLabel('Input (JSON)').fill('{"column": "age", "method": "mean"}');
    await page.getByRole('button', { name: 'Add database' }).click();
    await page.getByLabel('Database 1 label').fill('default');
    await shot(page, 'task-new');
    await page.getByRole('button', { name: 'Create task' }).click();

    await page.waitForURL(/\/tasks\/\d+$/);
    const taskId = Number(page.url().split('/').pop());
    await page.getByRole('heading', { name: 'Mean age' }).waitFor();
    const rows = page.locator('tr[data-run]');
    await expectCount(rows, 2);
    await expectCount(page.locator('tr[data-run][data-status="pending"]'), 2);
    await page.locator('[data-live="on"]').waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    // The nodes see the task only now, and answer.
    const results = { A: { mean: 41.5, count: 120 }, B: { mean: 39.25, count: 80 } };
    expect(await answerOpenRuns(network.nodeA, () => results.A)).toBe(1);
    await expectCount(page.locator('tr[data-run][data-status="completed"]'), 1);
    expect(await answerOpenRuns(network.nodeB, () => results.B)).toBe(1);
    await expectCount(page.locator('tr[data-run][data-status="completed"]'), 2);
    await expectText(page.getByLabel('Task status'), 'completed');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    // The results: formatted JSON and a chart, per organization.
    const resultA = page.getByLabel('Result of Clinic Amsterdam', { exact: true });
    expect(JSON.parse((await resultA.textContent()) ?? '')).toEqual(results.A);
    expect(await page.locator('svg.chart').count()).toBe(2);
    const server_results = ok(await (await apiLogin(server.url, network.researcher, PASSWORD)).api.tasks.results({ params: { id: taskId } }));
    expect(server_results.map((r) => r.status)).toEqual(['completed', 'completed']);
    await page.getByText('Log (3 lines)').first().click();

    // Download: a JSON document with both results.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`task-${taskId}-results.json`);
    const document = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      results: { organization: string; result: unknown }[];
    };
    expect(document.results.map((r) => [r.organization, r.result]).sort()).toEqual(
      [
        ['Clinic Amsterdam', results.A],
        ['Hospital Berlin', results.B],
      ].sort(),
    );
    await shot(page, 'task-detail');

    // The list shows it, and filters by status.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('link', { name: 'Mean age' }).waitFor();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No tasks match.').waitFor();
    await page.getByLabel('Status').selectOption('completed');
    await page.getByRole('link', { name: 'Mean age' }).waitFor();
    await shot(page, 'tasks');
    await page.context().close();
  });

  it('encrypts a task in the browser; its results show decrypted once the private key is loaded', async () => {
    const secure = await createEncryptedCollaboration(server.url, network);
    const page = await newPage();
    const sent: string[] = [];
    page.on('request', (request) => sent.push(request.postData() ?? ''));
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    await page.goto(`${web.url}/tasks/new?collaboration_id=${secure.collaboration.id}`);
    await page.getByText(/end-to-end encrypted: the input is encrypted in this browser/).waitFor();
    await page.getByLabel('Hospital Berlin').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Secret mean');
    await page.getByLabel('Algorithm image').fill('federa/summary:1');
    const input = { method: 'mean', column: 'age' };
    await page.getByLabel('Input (JSON)').fill(JSON.stringify(input));
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.waitForURL(/\/tasks\/\d+$/);
    await expectCount(page.locator('tr[data-run][data-status="pending"]'), 2);

    // Each node opens the input meant for it; the server never saw it in clear.
    expect(sent.some((body) => body.includes('"column"'))).toBe(false);
    const results = { A: { mean: 52.5, count: 120 }, B: { mean: 47.25, count: 80 } };
    const seen: unknown[] = [];
    expect(await answerEncryptedRuns(secure.nodeA, (i) => (seen.push(i), results.A))).toBe(1);
    expect(await answerEncryptedRuns(secure.nodeB, (i) => (seen.push(i), results.B))).toBe(1);
    expect(seen).toEqual([input, input]);
    await expectCount(page.locator('tr[data-run][data-status="completed"]'), 2);

    // Without the key: "encrypted"; with it (from a file), the numbers, the chart and the log.
    const row = (org: string) => page.locator('tr[data-run]').filter({ hasText: org });
    await expectText(row('Clinic Amsterdam').locator('.result-cell .tag'), 'encrypted');
    await page.getByRole('heading', { name: 'Load private key' }).waitFor();
    await page.getByLabel('Private key file').setInputFiles({
      name: 'clinic-amsterdam.pem',
      mimeType: 'text/plain',
      buffer: Buffer.from(secure.nodeA.privatePem),
    });
    await page.getByText(/Private key loaded/).waitFor();
    const resultA = page.getByLabel('Result of Clinic Amsterdam', { exact: true });
    expect(JSON.parse((await resultA.textContent()) ?? '')).toEqual(results.A);
    expect(await page.locator('svg.chart').count()).toBe(2);
    await page.getByText('Log (3 lines)').first().click();
    await shot(page, 'task-encrypted');

    // It stays in this tab across a reload, was never sent, and can be forgotten.
    await page.reload();
    expect(JSON.parse((await resultA.textContent()) ?? '')).toEqual(results.A);
    const keyBody = secure.nodeA.privatePem.split('\n')[1]!;
    expect(sent.some((body) => body.includes(keyBody))).toBe(false);
    await page.getByRole('button', { name: 'Forget private key' }).click();
    await expectText(row('Clinic Amsterdam').locator('.result-cell .tag'), 'encrypted');

    // A key of another organization opens nothing, and says so.
    await page.getByLabel('Or paste the private key').fill(secure.nodeB.privatePem);
    await page.getByRole('button', { name: 'Load private key' }).click();
    await page.getByText('This is not your organization’s published key').waitFor();
    await row('Clinic Amsterdam').getByText(/The loaded key cannot open it: NOT_A_RECIPIENT/).waitFor();
    await page.context().close();
  });

  it('kills a task that is still running', async () => {
    const page = await newPage();
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    const { api } = await apiLogin(server.url, network.researcher, PASSWORD);
    const task = ok(
      await api.tasks.create({
        body: { name: 'Long job', image: 'federa/slow:1', collaboration_id: network.collaboration.id },
      }),
    );
    await page.goto(`${web.url}/tasks/${task.id}`);
    await page.getByRole('button', { name: 'Kill task' }).click();
    await page.getByRole('button', { name: 'Yes, kill the task' }).click();
    await expectText(page.getByLabel('Task status'), 'killed');
    await expectCount(page.locator('tr[data-run][data-status="killed"]'), 2);
    await page.context().close();
  });

  it('renews the access token, and sends a dead session to the session-expired page', async () => {
    const page = await newPage();
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    const read = () => page.evaluate(() => JSON.parse(localStorage.getItem('federa.session') ?? 'null') as { refreshToken: string; expiresAt: number } | null);
    const before = (await read())!;
    // Pretend the access token is about to expire: the next request refreshes it first.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('federa.session')!) as { expiresAt: number };
      localStorage.setItem('federa.session', JSON.stringify({ ...s, expiresAt: Date.now() }));
    });
    await page.goto(`${web.url}/tasks`);
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    await page.getByRole('link', { name: /Mean age/ }).waitFor();
    const after = (await read())!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 60_000);
    // The rotated-out refresh token no longer works.
    expect((await apiClient(server.url).token.refresh({ body: { refresh_token: before.refreshToken } })).status).toBe(401);

    // That reuse revoked the whole session: at its next refresh the app finds out and says so.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('federa.session')!) as { expiresAt: number };
      localStorage.setItem('federa.session', JSON.stringify({ ...s, expiresAt: Date.now() }));
    });
    await page.goto(`${web.url}/tasks`);
    await page.getByRole('heading', { name: 'Your session has expired' }).waitFor();
    await shot(page, 'session-expired');
    await page.getByRole('link', { name: 'Log in again' }).click();
    await page.getByRole('heading', { name: 'Log in to Federa' }).waitFor();
    await page.context().close();
  });

  it('logs out and revokes the refresh token', async () => {
    const page = await newPage();
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    const { refreshToken } = (await page.evaluate(() => JSON.parse(localStorage.getItem('federa.session')!))) as {
      refreshToken: string;
    };
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('federa.session'))).toBeNull();
    expect((await apiClient(server.url).token.refresh({ body: { refresh_token: refreshToken } })).status).toBe(401);
    await page.goto(`${web.url}/tasks`);
    await page.waitForURL(/\/login\?next=%2Ftasks/);
    await page.context().close();
  });

  it('an administrator creates a user, and a node whose API key is shown once', async () => {
    const page = await newPage();
    await login(page, ROOT.username, ROOT.password);
    await page.waitForURL(`${web.url}/`);
    await page.getByRole('link', { name: 'Administration' }).click();
    for (const section of ['Organizations', 'Users', 'Roles', 'Collaborations', 'Nodes']) {
      await page.getByRole('main').getByRole('link', { name: section }).waitFor();
    }
    await shot(page, 'admin');
    await page.getByRole('main').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    const username = unique('nurse');
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill('weak');
    await page.getByLabel('Repeat password').fill('weak');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(/This password is too weak/).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('Nurse!pass1');
    await page.getByLabel('Repeat password').fill('Nurse!pass1');
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Hospital Berlin' });
    await page.getByLabel('Researcher', { exact: true }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`User “${username}” created.`).waitFor();
    await page.locator(`tr[data-user="${username}"]`).waitFor();
    await shot(page, 'admin-users');
    // The new user exists on the server and can log in.
    await apiLogin(server.url, username, 'Nurse!pass1');

    // A new organization, a collaboration with it, and its node.
    const nav = page.getByRole('navigation', { name: 'Administration' });
    await nav.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('button', { name: 'New organization' }).click();
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText(/at least 1 character/).waitFor();
    await page.getByLabel('Name').fill('Lab Copenhagen');
    await page.getByLabel('Country').fill('DK');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('Organization “Lab Copenhagen” created.').waitFor();
    await shot(page, 'admin-organizations');

    await nav.getByRole('link', { name: 'Collaborations' }).click();
    await page.getByRole('button', { name: 'New collaboration' }).click();
    await page.getByLabel('Name').fill('Genomics pilot');
    await page.getByLabel('Lab Copenhagen').check();
    await page.getByLabel('Clinic Amsterdam').check();
    await page.getByRole('button', { name: 'Create collaboration' }).click();
    await page.getByText('Collaboration “Genomics pilot” created.').waitFor();
    await shot(page, 'admin-collaborations');

    await nav.getByRole('link', { name: 'Nodes' }).click();
    await page.getByRole('button', { name: 'New node' }).click();
    await page.getByLabel('Collaboration').selectOption({ label: 'Genomics pilot' });
    await page.getByLabel('Organization').selectOption({ label: 'Lab Copenhagen' });
    await page.getByLabel('Name (optional)').fill('node-copenhagen');
    await page.getByRole('button', { name: 'Create node' }).click();
    await page.getByText('Node “node-copenhagen” created').waitFor();
    const apiKey = await page.getByLabel('API key').inputValue();
    ok(await apiClient(server.url).token.node({ body: { api_key: apiKey } }));
    await shot(page, 'admin-nodes');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.getByLabel('API key').count()).toBe(0);
    await page.locator('tr[data-node]').filter({ hasText: 'node-copenhagen' }).waitFor();

    await nav.getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('heading', { name: 'Researcher' }).waitFor();
    await shot(page, 'admin-roles');
    await page.context().close();
  });

  it('fits a phone-sized screen', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await login(page, network.researcher, PASSWORD);
    await page.waitForURL(`${web.url}/`);
    await page.getByRole('region', { name: 'Cardio study' }).getByText('Hospital Berlin').waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'phone-home');
    await page.goto(`${web.url}/tasks`);
    await page.getByRole('link', { name: 'Mean age' }).click();
    await expectCount(page.locator('tr[data-run][data-status="completed"]'), 2);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'phone-task');
    await page.context().close();
  });

  it('made no request to any host but the web app and the API; every control had a label', () => {
    const allowed = new Set([new URL(web.url).host, new URL(server.url).host]);
    const foreign = [...requested].filter((url) => {
      if (url.startsWith('data:') || url.startsWith('blob:')) return false;
      return !allowed.has(new URL(url).host);
    });
    expect(requested.size).toBeGreaterThan(20);
    expect([...requested].some((url) => url.startsWith(`ws://${new URL(server.url).host}/`))).toBe(true);
    expect(foreign).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(unlabelled).toEqual([]);
  });

  it('serves pages with a Content-Security-Policy that allows only the app and the API', async () => {
    const response = await fetch(`${web.url}/login`);
    const policy = response.headers.get('content-security-policy') ?? '';
    const api = new URL(server.url);
    expect(policy).toContain(`connect-src 'self' ${api.origin} ws://${api.host}`);
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    // Next.js put the nonce on its scripts.
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });
});

async function expectAlert(page: Page, text: string | RegExp) {
  await page.getByRole('alert').filter({ hasText: text }).waitFor();
}

/** Waits until the locator's text is `text` (the page updates on its own). */
async function expectText(locator: import('playwright-core').Locator, text: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout }).catch(() => null))?.trim() ?? null;
    if (last === text) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected "${text}", still "${last}"`);
}

async function expectCount(locator: import('playwright-core').Locator, count: number, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last = -1;
  while (Date.now() < deadline) {
    last = await locator.count();
    if (last === count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${count} elements, found ${last}`);
}
