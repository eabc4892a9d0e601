// The browser UI of `etcd-analyzer serve` in headless Chromium (Playwright + Debian's chromium) against the live test
// bed: the built server (dist/cli.js serve) with a real history file filled by two real CLI analyses, and a scripted
// OpenAI-compatible TEST DOUBLE (test/helpers/scriptedOpenAiServer.ts: not a model, a fixed script) for the chat's
// free question. Every page is checked for what it draws, for CSP violations and console errors, and photographed
// light and dark into test-results/screenshots/serve-*.png. Needs `npm run build` first and TESTBED_* from
// scripts/with-testbed.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzerFor } from '../../src/core/analyzers/registry';
import { openHistoryStore } from '../../src/core/history/store';
import { redactUrl } from '../../src/core/util/redact';
import { walResult } from '../helpers/historyFixtures';
import { startScriptedOpenAiServer, type ScriptedServer } from '../helpers/scriptedOpenAiServer';

const PROM = process.env.TESTBED_PROM_URL;
const ENDPOINTS = process.env.TESTBED_ETCD_ENDPOINTS ?? '';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chromium } = require('playwright-core') as typeof import('playwright-core');
type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

let dir: string;
let historyFile = '';
let server: ChildProcess | undefined;
let origin = '';
let lm: ScriptedServer;
let browser: Browser;
const notes: string[] = [];

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  return { ...env, ...extra };
}

/** Starts the built server on a free port over the bed and the history file; resolves with its origin. */
async function startServe(env: Record<string, string>): Promise<{ proc: ChildProcess; origin: string }> {
  const proc = spawn(process.execPath, ['dist/cli.js', 'serve', '--port', '0', '--prometheus', PROM!, '--history', historyFile, ...(ENDPOINTS ? ['--etcd-endpoints', ENDPOINTS] : [])], {
    env: cleanEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60_000);
    proc.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { proc, origin: url };
}

async function stopServe(proc: ChildProcess | undefined): Promise<void> {
  if (proc && proc.exitCode === null) {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

before(async () => {
  assert.ok(PROM, 'TESTBED_PROM_URL is set (run through scripts/with-testbed.sh)');
  assert.ok(existsSync('dist/cli.js') && existsSync('dist/webview/browserHost.js'), 'the build exists (npm run build)');
  dir = mkdtempSync(join(tmpdir(), 'etcd-serveui-'));
  const history = join(dir, 'history.sqlite');
  // Two real analyses recorded by the CLI into the history file the server then reads.
  for (let i = 0; i < 2; i++) {
    execFileSync(process.execPath, ['dist/cli.js', 'run', analyzerFor('dashboard').name, '--duration', '10m', '--format', 'json', '--history', history, '--prometheus', PROM, ...(ENDPOINTS ? ['--etcd-endpoints', ENDPOINTS] : [])], {
      env: cleanEnv({}),
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
  }
  // A stored run with hostile text in its summary and member name (as a compromised label could make it).
  const store = await openHistoryStore(history, {});
  const hostile = walResult(Date.now() - 2 * 3_600_000, { [HOSTILE]: 0.004 });
  hostile.summary = `${HOSTILE} <script>window.__pwned=2</script>`;
  await store.record(hostile, { cluster: redactUrl(PROM), profile: 'generic' });
  await store.close();

  lm = await startScriptedOpenAiServer([
    { toolCalls: [{ name: analyzerFor('diagnosis').name, arguments: { duration: '10m' } }] },
    { content: 'Scripted answer from the tool: {{lastTool}}' },
  ]);
  historyFile = history;
  const started = await startServe({ ETCD_ANALYZER_LM_BASE_URL: lm.baseURL, ETCD_ANALYZER_LM_MODEL: 'scripted', ETCD_ANALYZER_LM_API_KEY: 'test-key-not-secret' });
  server = started.proc;
  origin = started.origin;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await stopServe(server);
  await lm?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  for (const n of notes) console.log(`[serveui] ${n}`);
});

interface Watched {
  page: Page;
  problems: string[];
}

/** A page that records CSP violations (listened for before any page script runs), console errors and failed requests. */
async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Watched> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  const page = await ctx.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A message still in flight when the test closes the page is aborted by the browser: not a failure of the page.
  page.on('requestfailed', (r) => {
    if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? '')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`);
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'domcontentloaded' });
  return { page, problems };
}

async function shoot(page: Page, name: string, theme: 'light' | 'dark'): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `serve-${name}-${theme}.png`), fullPage: true });
}

async function firstPaint(page: Page): Promise<number | undefined> {
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
}

test('the dashboard draws the live members and charts, keyboard first stop is the page navigation', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await open('/', theme);
    await page.waitForSelector('body[data-status="ok"] #members-table tbody tr', { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('#charts canvas').length >= 4, undefined, { timeout: 60_000 });
    const rows = await page.locator('#members-table tbody tr').count();
    assert.ok(rows >= 3, `${rows} member rows`);
    assert.match((await page.locator('#diagnosis-line').textContent()) ?? '', /\S/, 'the diagnosis line heads the page');
    if (theme === 'light') {
      notes.push(`dashboard first-contentful-paint ${(await firstPaint(page))?.toFixed(0)} ms`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, inNav: !!document.activeElement?.closest('nav') }));
      assert.deepEqual(focused, { tag: 'A', inNav: true });
    }
    await shoot(page, 'dashboard', theme);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('the report page renders the live report for the window in its address', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await open('/report?duration=10m', theme);
    await page.waitForSelector('body[data-status="ok"]', { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 1, undefined, { timeout: 60_000 });
    const text = (await page.locator('#report').textContent()) ?? '';
    assert.match(text, /m1/, 'members named');
    assert.match(text, /10m/, 'the requested window');
    if (theme === 'light') notes.push(`report first-contentful-paint ${(await firstPaint(page))?.toFixed(0)} ms`);
    await shoot(page, 'report', theme);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('the history page lists the stored runs and draws charts from them; hostile text stays text; a pinned baseline is compared', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const { page, problems } = await open('/history', theme);
    await page.waitForSelector('body[data-status="ok"] #runs-table tbody tr', { timeout: 60_000 });
    const tool = analyzerFor('dashboard').name;
    const realRuns = await page.locator('#runs-table tbody tr', { hasText: tool }).count();
    assert.ok(realRuns >= 2, `${realRuns} recorded runs listed`);
    await page.waitForFunction(() => document.querySelectorAll('#history-charts canvas').length >= 1, undefined, { timeout: 30_000 });
    const charts = await page.locator('#history-charts figure[data-chart^="history_wal_fsync_duration"] canvas').count();
    assert.equal(charts, 1, 'a WAL fsync chart drawn from stored runs');
    // The hostile summary and member name are shown as text: no element made from them, no script ran.
    assert.ok(((await page.locator('#runs-table').textContent()) ?? '').includes(HOSTILE));
    assert.equal(await page.locator('#runs-table img, #history-charts img, body script:not([src])').count(), 0);
    assert.equal(await page.evaluate(() => (window as { __pwned?: number }).__pwned), undefined);
    if (theme === 'light') {
      notes.push(`history first-contentful-paint ${(await firstPaint(page))?.toFixed(0)} ms`);
      await page.locator('#runs-table tbody tr', { hasText: tool }).first().getByRole('button', { name: /Pin run/ }).click();
      await page.waitForSelector('#baseline[data-baseline="done"], #baseline[data-baseline="error"]', { timeout: 120_000 });
      assert.equal(await page.getAttribute('#baseline', 'data-baseline'), 'done', (await page.locator('#baseline').textContent()) ?? '');
      assert.ok((await page.locator('#baseline-table tbody tr').count()) > 0, 'compared values listed');
      // Unpin again so the dark screenshot shows the plain page.
      await page.locator('#unpin').click();
      await page.waitForFunction(() => !document.querySelector('#baseline')?.hasAttribute('data-baseline'), undefined, { timeout: 30_000 });
    }
    await shoot(page, 'history', theme);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('chat: a slash command answers with no model; a free question streams the tool call and the answer from the model double', async () => {
  const { page, problems } = await open('/chat', 'light');
  await page.waitForSelector('#chat-input');
  await page.fill('#chat-input', '/help');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-answered="1"]', { timeout: 30_000 });
  const help = (await page.locator('.chat-assistant').last().textContent()) ?? '';
  assert.match(help, /\/status/);
  assert.equal(lm.requests.length, 0, 'no model asked for a slash command');

  await page.fill('#chat-input', 'why is the cluster slow?');
  await page.click('#chat-send');
  // The tool call shows while it runs, before the answer arrives.
  await page.waitForSelector('.chat-tool', { timeout: 30_000 });
  await page.waitForSelector('body[data-answered="2"]', { timeout: 180_000 });
  const tool = page.locator('.chat-tool').last();
  assert.equal(await tool.getAttribute('data-state'), 'ok');
  assert.match((await tool.textContent()) ?? '', new RegExp(analyzerFor('diagnosis').name));
  const answer = (await page.locator('.chat-assistant .chat-text').last().textContent()) ?? '';
  assert.match(answer, /^Scripted answer from the tool: /);
  assert.equal(lm.requests.length, 2, 'tool call round, then the answer round');
  assert.ok(lm.requests[1].messages.some((m: { role: string }) => m.role === 'tool'), 'the tool result went back to the model');

  // A slash command that runs an analyzer: the answer is the editor's view tree drawn as DOM — its first line names
  // the verdict (cause, member and evidence, or what could not be judged), then the findings and key metrics.
  await page.fill('#chat-input', '/bottlenecks 5m');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-answered="3"]', { timeout: 180_000 });
  const first = (await page.locator('.chat-assistant .chat-answer .health-line .headline').first().textContent()) ?? '';
  assert.match(first, /^(Critical|Warning|Healthy|Cannot judge)/, `the answer's first line: ${first}`);
  assert.ok(await page.locator('.chat-assistant .chat-answer h4').count() >= 2, 'findings and key metrics sections');
  assert.equal(lm.requests.length, 2, 'no model asked for the slash command');
  await shoot(page, 'chat', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'chat', 'dark');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the theme toggle switches light and dark whatever the system says', async () => {
  const { page, problems } = await open('/history', 'dark');
  await page.waitForSelector('body[data-status="ok"] #runs-table tbody tr', { timeout: 60_000 });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await bg();
  await page.click('#theme-toggle'); // auto → light
  assert.ok(await page.evaluate(() => document.body.classList.contains('theme-light')));
  const light = await bg();
  assert.notEqual(light, dark);
  assert.equal(light, 'rgb(255, 255, 255)');
  await page.click('#theme-toggle'); // light → dark
  assert.equal(await bg(), 'rgb(13, 17, 23)');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the CSP watch can fail: a script injected into a page is blocked and reported', async () => {
  const { page, problems } = await open('/chat');
  await page.waitForSelector('#chat-input');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = 1';
    document.body.appendChild(s);
  });
  for (let i = 0; i < 50 && !problems.some((p) => p.includes('CSP violation')); i++) await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => (window as { __ran?: number }).__ran), undefined, 'the injected script did not run');
  assert.ok(problems.some((p) => p.includes('CSP violation: script-src')), problems.join('; '));
  await page.context().close();
});

test('pages carry a strict CSP and the API refuses what the contract does not know', async () => {
  for (const path of ['/', '/report', '/history', '/chat']) {
    const res = await fetch(`${origin}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)/, 'no inline script');
  }
  const bad = await fetch(`${origin}/api/v1/ui/history/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'pinBaseline', runId: '1; DROP' }) });
  assert.equal(bad.status, 400);
  const unknown = await fetch(`${origin}/api/v1/ui/nope/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"ready"}' });
  assert.equal(unknown.status, 404);
  assert.equal((await fetch(`${origin}/ui/assets/..%2F..%2Fpackage.json`)).status, 404);
  const chat = await fetch(`${origin}/api/v1/ui/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '' }) });
  assert.equal(chat.status, 400);
});

test('under a bearer token: the pages load, their API calls need the token, which a page takes from #token= and keeps off the address bar', async () => {
  const token = 'serveui-test-token-0123456789';
  const guarded = await startServe({ ETCD_ANALYZER_SERVE_TOKEN: token });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let page = await ctx.newPage();
    await page.goto(`${guarded.origin}/history`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-host-error="401"]', { timeout: 30_000 });
    assert.equal(await page.locator('#runs-table').count(), 0, 'no data without the token');
    await page.close();
    // A new tab (a fragment change alone would not reload the page).
    page = await ctx.newPage();
    await page.goto(`${guarded.origin}/history#token=${token}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-status="ok"] #runs-table tbody tr', { timeout: 60_000 });
    assert.equal(new URL(page.url()).hash, '', 'the token left the address bar');
    // The tab keeps it: another page of the same server works without the fragment.
    await page.goto(`${guarded.origin}/chat`, { waitUntil: 'domcontentloaded' });
    await page.fill('#chat-input', '/help');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-answered="1"]', { timeout: 30_000 });
    assert.match((await page.locator('.chat-assistant').last().textContent()) ?? '', /\/status/);
    await ctx.close();
  } finally {
    await stopServe(guarded.proc);
  }
});
