// One report, three back-ends of the same view tree: the HTML string of the standalone file (loaded into
// Chromium), the report panel's DOM (the real webview bundle) and the markdown of the saved report. They must carry
// the same sections, headings, column labels and values; a hostile label (markup, a markdown link, bidi and ANSI
// controls) must stay text in each of them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openWebview, postAndWaitRender, startWebviewBed, type WebviewBed } from './harness';
import { baselineResult, hostileReportResult } from '../helpers/reportFixtures';
import { buildReportModel } from '../../src/core/report/model';
import { renderReportHtml } from '../../src/core/report/html/index';
import { renderReportMarkdown } from '../../src/core/report/markdown';
import { escapeMarkdown } from '../../src/core/util/markdownEscape';
import type { AnalyzerResult } from '../../src/core/types';

/** Markup, a markdown link to script, a right-to-left override and an ANSI colour sequence in one label. */
const EVIL = 'x<img src=x onerror=window.__pwned=1>](javascript:alert(1)) \u202Egnp.exe \u001b[31mred';

function evilResult(): AnalyzerResult {
  const r = hostileReportResult();
  r.findings[0] = { ...r.findings[0], title: `Finding ${EVIL}`, rootCause: `cause ${EVIL}` };
  r.errors.push({ kind: 'bad_query', query: `up{x="${EVIL}"}`, message: EVIL, hint: EVIL });
  return r;
}

interface Shape {
  title: string;
  meta: string[];
  toc: string[];
  sections: { id: string; title: string; headings: string[]; columns: string[]; cells: string[]; items: number }[];
}

/** The structure and text a reader sees, read the same way from either page. */
function readShape(page: Page): Promise<Shape> {
  return page.evaluate(() => {
    // No named helper inside: the test runner's transform would wrap it in a function the page does not have.
    return {
      title: document.querySelector('h1')?.textContent ?? '',
      meta: Array.from(document.querySelectorAll('.report-header dd')).map((n) => n.textContent ?? ''),
      toc: Array.from(document.querySelectorAll('nav.toc a')).map((a) => `${a.getAttribute('href')} ${a.textContent ?? ''}`),
      sections: Array.from(document.querySelectorAll('section.report-section')).map((s) => ({
        id: s.id,
        title: s.querySelector('h2')?.textContent ?? '',
        headings: Array.from(s.querySelectorAll('h3')).map((n) => n.textContent ?? ''),
        columns: Array.from(s.querySelectorAll('thead th')).map((n) => n.textContent ?? ''),
        cells: Array.from(s.querySelectorAll('tbody td')).map((n) => n.textContent ?? ''),
        // The chart grid's content is drawn by the chart code, not by the back-ends.
        items: s.id === 'charts' ? 0 : s.querySelectorAll('li').length,
      })),
    };
  });
}

async function assertInert(page: Page, where: string): Promise<void> {
  assert.equal(await page.locator('img').count(), 0, `${where}: no <img> element`);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const h of hrefs) assert.match(h, /^#[A-Za-z0-9_-]+$/, `${where}: in-page links only (${h})`);
  const onHandlers = await page.evaluate(() => Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length);
  assert.equal(onHandlers, 0, `${where}: no event handler attribute`);
  const body = await page.locator('body').innerText();
  assert.ok(body.includes('x<img src=x onerror=window.__pwned=1>](javascript:alert(1))'), `${where}: the label is shown as the text it is`);
  assert.ok(!body.includes('\u202E') && body.includes('<U+202E>gnp.exe'), `${where}: the bidi override is shown, not obeyed`);
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined, `${where}: nothing ran`);
}

describe('report view back-ends (HTML string, DOM, markdown)', () => {
  let bed: WebviewBed;
  const base = evilResult();
  const model = buildReportModel([base, baselineResult(base.range)], { cluster: EVIL, profile: 'generic', generatedAt: '2026-11-24T18:16:01.295Z' });
  let html: Shape;
  let dom: Shape;

  before(async () => {
    bed = await startWebviewBed();
  });
  after(async () => {
    await bed?.close();
  });

  test('the HTML file and the report panel carry the same sections, labels and values', async () => {
    const filePage = await bed.browser.newPage();
    await filePage.setContent(renderReportHtml(model, { assets: { css: '' } }));
    html = await readShape(filePage);
    await assertInert(filePage, 'HTML file');
    await filePage.close();

    const { page, errors } = await openWebview(bed, 'report', 'light', { width: 1100, height: 1400 });
    await postAndWaitRender(page, { type: 'report', model });
    dom = await readShape(page);
    await assertInert(page, 'report panel');
    assert.deepEqual(errors, []);
    await page.close();

    assert.deepEqual(
      html.sections.map((s) => s.id),
      ['summary', 'key-metrics', 'members', 'charts', 'bottlenecks', 'recommendations', 'history', 'appendix'],
    );
    assert.ok(html.sections.find((s) => s.id === 'bottlenecks')!.headings.includes('Root-cause chains'), 'the chains are in both');
    assert.ok(html.toc.length >= 8, 'the table of contents is in both');
    assert.ok(html.sections.every((s) => s.title), 'every section has its heading');
    assert.deepEqual(dom, html);
  });

  test('the markdown carries the same sections, headings, column labels and values', () => {
    assert.ok(html, 'the HTML shape was read');
    // Bold and severity marks are markdown's way of showing a badge: read past them, as a reader does.
    const md = renderReportMarkdown(model).replaceAll('**', '').replace(/[🔴🟠🔵] /gu, '');
    assert.ok(md.startsWith(`# ${escapeMarkdown(html.title)}\n`));
    for (const v of html.meta) assert.ok(md.includes(escapeMarkdown(v)), `header value ${v}`);
    for (const s of html.sections) {
      assert.ok(md.includes(`\n## ${escapeMarkdown(s.title)}\n`), `section ${s.title}`);
      for (const h of s.headings) assert.ok(md.includes(`### ${escapeMarkdown(h)}`), `heading ${h}`);
      if (s.columns.length) assert.ok(md.includes(`| ${s.columns.map(escapeMarkdown).join(' | ')} |`), `columns of ${s.id}`);
      for (const c of s.cells) assert.ok(md.includes(escapeMarkdown(c)), `cell ${JSON.stringify(c)} of ${s.id}`);
    }
  });

  test('the markdown keeps the hostile label as text', () => {
    const md = renderReportMarkdown(model);
    assert.doesNotMatch(md, /(?<!\\)<img/);
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript/);
    assert.ok(!md.includes('\u202E') && md.includes('\\<U+202E\\>gnp.exe'), 'bidi override shown, not obeyed');
    assert.ok(!md.includes('\u001b'), 'no ANSI escape');
    assert.ok(md.includes('x\\<img src=x onerror=window.\\_\\_pwned=1\\>\\](javascript:alert(1))'), 'the label is shown literally');
  });
});
