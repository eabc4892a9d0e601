// Harness for the webview bundles in a real headless Chromium (Debian's /usr/bin/chromium via playwright-core).
// Builds the bundles into a temp folder, serves them with the media CSS from a tiny 127.0.0.1 server under a
// CSP like the real webview's, and stubs acquireVsCodeApi so tests can post host messages and read what the
// page sent back. Used by test/browser/*.test.ts and scripts/bench/webview.bench.ts.
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export type Theme = 'light' | 'dark' | 'high-contrast';
export type PageName = 'dashboard' | 'report';

/** The esbuild options esbuild.config.mjs uses for browser bundles; callers add entry points and output. */
export const BROWSER_BUILD = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  logLevel: 'warning',
} as const satisfies esbuild.BuildOptions;

/** Builds webview/{dashboard,report}/main.ts the way esbuild.config.mjs does, into a fresh temp folder. */
export async function buildBundles(minify = false): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-webview-'));
  await esbuild.build({
    ...BROWSER_BUILD,
    minify,
    entryPoints: ['webview/dashboard/main.ts', 'webview/report/main.ts'],
    outdir: out,
    entryNames: '[dir]',
  });
  return out;
}

const STYLES: Record<PageName, string[]> = { dashboard: ['webview.css', 'dashboard.css'], report: ['webview.css', 'report.css'] };

function pageHtml(page: PageName, theme: Theme, nonce: string): string {
  const bodyClass = theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast';
  const links = [`/theme/${theme}.css`, ...STYLES[page].map((s) => `/media/${s}`)].map((h) => `<link rel="stylesheet" href="${h}">`).join('');
  // Same policy as src/extension/webviews/html.ts, with 'self' standing in for webview.cspSource.
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">${links}<title>${page}</title></head>
<body class="${bodyClass}" data-vscode-theme-kind="${bodyClass}"><p>Loading…</p>
<script nonce="${nonce}" src="/stub.js"></script>
<script nonce="${nonce}" src="/bundle/${page}.js"></script></body></html>`;
}

// The stand-in for VS Code's webview API: records posts, keeps state in sessionStorage (survives reload()).
const STUB = `(() => {
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => { const s = sessionStorage.getItem('vscode-state'); return s ? JSON.parse(s) : undefined; },
    setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
  });
})();`;

export interface Harness {
  url(page: PageName, theme?: Theme): string;
  close(): Promise<void>;
}

/** Serves the harness pages on 127.0.0.1 (random port). */
export async function startHarness(bundleDir: string): Promise<Harness> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const file = (p: string, type: string) => (fs.existsSync(p) ? send(200, type, fs.readFileSync(p)) : send(404, 'text/plain', 'not found'));
    const name = path.basename(u.pathname);
    if (u.pathname.startsWith('/page/')) {
      const page = name as PageName;
      const theme = (u.searchParams.get('theme') ?? 'light') as Theme;
      return send(200, 'text/html', pageHtml(page, theme, crypto.randomBytes(16).toString('base64')));
    }
    if (u.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (u.pathname === '/stub.js') return send(200, 'text/javascript', STUB);
    if (u.pathname.startsWith('/bundle/')) return file(path.join(bundleDir, name), 'text/javascript');
    if (u.pathname.startsWith('/media/')) return file(path.join(ROOT, 'media', name), 'text/css');
    if (u.pathname.startsWith('/theme/')) return file(path.join(__dirname, 'themes', name), 'text/css');
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (page, theme = 'light') => `http://127.0.0.1:${port}/page/${page}?theme=${theme}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** What every webview test suite starts with: the bundles built and served, and a browser. */
export interface WebviewBed {
  harness: Harness;
  browser: Browser;
  /** Closes the browser and the server and removes the bundles. */
  close(): Promise<void>;
}

export async function startWebviewBed(): Promise<WebviewBed> {
  const bundles = await buildBundles();
  let harness: Harness | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await harness?.close();
    fs.rmSync(bundles, { recursive: true, force: true });
  };
  try {
    harness = await startHarness(bundles);
    browser = await launchBrowser();
    return { harness, browser, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Opens a harness page in a new tab, watching its errors, and waits for the webview's `ready` post. */
export async function openWebview(bed: WebviewBed, name: PageName, theme: Theme, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const page = await bed.browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(bed.harness.url(name, theme));
  await waitReady(page);
  return { page, errors };
}

/** Waits for the webview's `ready` post (after a load or a reload). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'ready'));
}

/** What the page has posted to the host so far. */
export const posted = (page: Page) => page.evaluate(() => (window as any).__posted as any[]);

/** The CSP violations the page has seen so far. */
export const cspViolations = (page: Page) => page.evaluate(() => (window as any).__cspViolations as string[]);

/** A label value that would run script if it were ever parsed as HTML. */
export const HOSTILE = '<img src=x onerror=window.__pwned=1>';

/** Collects console errors, page errors and failed requests of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()}`));
  return errors;
}

/** Posts a host message the way VS Code delivers it (a window message event) and waits for the render that follows. */
export async function postAndWaitRender(page: Page, message: unknown): Promise<void> {
  await page.evaluate(async (msg) => {
    const before = document.body.getAttribute('data-rendered');
    window.postMessage(msg, '*');
    const t0 = Date.now();
    while (document.body.getAttribute('data-rendered') === before) {
      if (Date.now() - t0 > 10_000) throw new Error('the page did not render within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  }, message);
}

/** Fraction of sampled canvas pixels that are not transparent, per chart id (0 = blank canvas). */
export async function canvasInk(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const fig of Array.from(document.querySelectorAll('figure.chart-card'))) {
      const canvas = fig.querySelector('canvas');
      const id = fig.getAttribute('data-chart') ?? '?';
      if (!canvas || !canvas.width || !canvas.height) {
        out[id] = 0;
        continue;
      }
      const ctx = canvas.getContext('2d')!;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      let sampled = 0;
      for (let i = 3; i < data.length; i += 4 * 7) {
        sampled++;
        if (data[i] > 0) inked++;
      }
      out[id] = inked / sampled;
    }
    return out;
  });
}

export function readFixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'webview', name), 'utf8')) as T;
}
