// The standalone HTML report in a real headless Chromium, opened from disk (file://) with every network request
// blocked: the charts draw from the embedded JSON, nothing logs an error, hostile label values stay text and run
// nothing, dark mode follows prefers-color-scheme, and it prints to an A4 PDF. Screenshots → test-results/screenshots/.
// Run: node --import tsx --test --test-reporter=spec test/browser/reportHtml.test.ts
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_BUILD, canvasInk, launchBrowser, ROOT } from './harness';
import { buildReportModel } from '../../src/core/report/model';
import { renderReportHtml } from '../../src/core/report/html/index';
import { REPORT_BUNDLE, REPORT_CSS } from '../../src/core/report/html/assets';
import { baselineResult, HOSTILE_MEMBER, hostileReportResult } from '../helpers/reportFixtures';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** A package root in a temp folder: the chart bundle built from webview/reportFile/main.ts as esbuild.config.mjs does, and the media CSS. */
async function buildAssetRoot(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-report-assets-'));
  await esbuild.build({
    ...BROWSER_BUILD,
    sourcemap: true,
    sourcesContent: false,
    entryPoints: ['webview/reportFile/main.ts'],
    outfile: path.join(root, REPORT_BUNDLE),
  });
  for (const css of REPORT_CSS) {
    fs.mkdirSync(path.dirname(path.join(root, css)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, css), path.join(root, css));
  }
  return root;
}

describe('standalone HTML report (headless chromium, file://, offline)', () => {
  let browser: Browser;
  let assetRoot: string;
  let dir: string;
  let file: string;
  const report = hostileReportResult();
  const model = buildReportModel([report, baselineResult(report.range)], { cluster: 'http://127.0.0.1:9090', profile: 'generic' });
  const chartsWithData = model.charts.filter((c) => c.lines.some((l) => l.v.some((y) => y !== null))).map((c) => c.id);

  before(async () => {
    assetRoot = await buildAssetRoot();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-report-html-'));
    file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderReportHtml(model, { assetRoot, narrative: { text: 'The disk of one member is slow.\n\n- check it', model: 'test-model' } }));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(assetRoot, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A page that may load only the report file itself: every other request is aborted and recorded. */
  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page; errors: string[]; requests: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, colorScheme });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `file://${file}`) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => document.body.hasAttribute('data-charts'), null, { timeout: 15_000 });
    return { context, page, errors, requests };
  }

  test('draws every chart that has data, offline, with no console errors', async () => {
    const { context, page, errors, requests } = await open('light');
    try {
      assert.ok(chartsWithData.length >= 4, `fixture has chart data (${chartsWithData.join(', ')})`);
      assert.equal(await page.evaluate(() => document.body.getAttribute('data-charts')), String(chartsWithData.length));
      const ink = await canvasInk(page);
      for (const id of chartsWithData) assert.ok((ink[id] ?? 0) > 0.001, `chart ${id} has ink (${ink[id]})`);
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [], 'no request besides the file itself');
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'report-html.png'), fullPage: true });
      assert.ok(fs.statSync(path.join(SHOTS, 'report-html.png')).size > 10_000);
    } finally {
      await context.close();
    }
  });

  test('hostile label values render as text and nothing executes', async () => {
    const { context, page, errors } = await open('light');
    try {
      const r = await page.evaluate((hostile) => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        imgs: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        rowText: Array.from(document.querySelectorAll('#members tr[data-member] th')).map((th) => th.textContent ?? ''),
        attrMatch: Array.from(document.querySelectorAll('#members tr[data-member]')).some((tr) => tr.getAttribute('data-member') === hostile),
        legend: document.body.textContent?.includes(hostile),
      }), HOSTILE_MEMBER);
      assert.equal(r.pwned, undefined);
      assert.equal(r.imgs, 0);
      assert.equal(r.scripts, 2);
      assert.ok(r.rowText.some((t) => t.includes(HOSTILE_MEMBER)), `member row shows the name as text: ${r.rowText.join(' | ')}`);
      assert.ok(r.attrMatch);
      assert.ok(r.legend);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('follows prefers-color-scheme: dark', async () => {
    const { context, page, errors } = await open('dark');
    try {
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g)!.map(Number);
      assert.ok(r + g + b < 120, `dark background, got ${bg}`);
      const ink = await canvasInk(page);
      for (const id of chartsWithData) assert.ok((ink[id] ?? 0) > 0.001, `dark chart ${id} has ink`);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: path.join(SHOTS, 'report-html-dark.png'), clip: { x: 0, y: 0, width: 1200, height: 1000 } });
    } finally {
      await context.close();
    }
  });

  test('prints: light colours and A4-sized charts on beforeprint, and a PDF comes out', async () => {
    const { context, page, errors } = await open('dark');
    try {
      const sizes = await page.evaluate(() => {
        window.dispatchEvent(new Event('beforeprint'));
        const print = document.body.hasAttribute('data-print');
        const widths = Array.from(document.querySelectorAll('canvas')).map((c) => c.getBoundingClientRect().width);
        window.dispatchEvent(new Event('afterprint'));
        return { print, widths, after: document.body.hasAttribute('data-print') };
      });
      assert.equal(sizes.print, true);
      assert.equal(sizes.after, false);
      for (const w of sizes.widths) assert.ok(Math.abs(w - 340) < 2, `print width ${w}`);
      await page.emulateMedia({ media: 'print' });
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(255, 255, 255)', 'white paper in print media even in dark mode');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
