// The report panel bundle in headless Chromium: every section from a recorded model, outliers marked,
// loading/error states, hostile label values as text, state saved small and restored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasInk, cspViolations, HOSTILE, openWebview, postAndWaitRender, posted, readFixture, startWebviewBed, waitReady, type WebviewBed } from './harness';
import { syntheticDeepDrive } from './synthetic';
import type { ReportModel } from '../../src/core/report/modelTypes';
import { buildReportModel } from '../../src/core/report/model';
import { baselineResult, HOSTILE_MEMBER } from '../helpers/reportFixtures';

describe('report webview (headless chromium)', () => {
  let bed: WebviewBed;
  const recorded = readFixture<ReportModel>('report-model.json');

  before(async () => {
    bed = await startWebviewBed();
  });
  after(async () => {
    await bed?.close();
  });

  const open = (theme: 'light' | 'dark' = 'light') => openWebview(bed, 'report', theme, { width: 1100, height: 1400 });

  test('renders every section of the recorded report, with charts drawn', async () => {
    const { page, errors } = await open('dark');
    assert.match(await page.locator('body').innerText(), /Collecting metrics/, 'a loading note before data');
    await postAndWaitRender(page, { type: 'report', model: recorded });
    for (const id of ['summary', 'key-metrics', 'members', 'charts', 'bottlenecks', 'recommendations', 'history', 'appendix']) {
      assert.equal(await page.locator(`section#${id}`).count(), 1, `section ${id}`);
    }
    assert.equal(await page.locator('h1').innerText(), recorded.meta.title);
    assert.match(await page.locator('.report-header').innerText(), new RegExp(recorded.meta.etcdVersion ?? 'x'));
    assert.equal(await page.locator('#key-metrics tbody tr').count(), recorded.keyMetrics.length);
    assert.equal(await page.locator('#members tbody tr').count(), recorded.members.rows.length);
    assert.equal(await page.locator('#bottlenecks article.finding').count(), recorded.bottlenecks.length);
    assert.equal(await page.locator('#recommendations li').count(), recorded.recommendations.length);
    assert.match(await page.locator('#summary').innerText(), new RegExp(recorded.summary.health));
    const ink = await canvasInk(page);
    const withData = recorded.charts.filter((c) => c.lines.some((l) => l.v.some((y) => y !== null)));
    assert.ok(withData.length >= 4, 'the recorded run has chart data');
    for (const c of withData) assert.ok(ink[c.id] > 0.005, `chart ${c.id} has ink`);
    const rendered = (await posted(page)).find((m) => m.type === 'rendered');
    assert.equal(rendered.charts, withData.length);
    assert.deepEqual(errors, []);
    assert.deepEqual(await cspViolations(page), []);
    await page.close();
  });

  test('marks an outlier member and grades key metrics pass/warn/fail', async () => {
    const deep = syntheticDeepDrive({ hours: 1, stepSeconds: 15 });
    for (const m of deep.metrics) if (m.metric === 'wal_fsync_duration' && m.member === 'm2') m.stats.p99 = 0.2; // 20× the others
    const model = buildReportModel(deep, { generatedAt: deep.range.end });
    const { page, errors } = await open();
    await postAndWaitRender(page, { type: 'report', model });
    const outliers = await page.$$eval('#members td[data-outlier="true"]', (tds) => tds.map((td) => td.closest('tr')?.getAttribute('data-member')));
    assert.deepEqual(outliers, ['m2']);
    assert.equal(await page.locator('#key-metrics tr[data-verdict="warn"]').count(), model.keyMetrics.filter((k) => k.verdict === 'warn').length);
    assert.ok((await page.locator('#key-metrics tr[data-verdict="warn"]').count()) >= 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('hostile label values (member, finding, failed query) render as text and run nothing', async () => {
    const evil = JSON.parse(JSON.stringify(recorded).replaceAll('"m1', JSON.stringify(HOSTILE).slice(0, -1))) as ReportModel;
    evil.failedQueries.push({ tool: HOSTILE, kind: 'bad_query', query: `up{member="${HOSTILE}"}`, message: HOSTILE, hint: HOSTILE });
    evil.meta.cluster = HOSTILE;
    const { page, errors } = await open();
    await postAndWaitRender(page, { type: 'report', model: evil });
    assert.ok((await page.locator('#members tbody th').allInnerTexts()).some((t) => t.includes(HOSTILE)));
    assert.ok((await page.locator('#appendix').innerText()).includes(HOSTILE));
    assert.ok((await page.locator('.report-header').innerText()).includes(HOSTILE));
    assert.equal(await page.locator('img').count(), 0);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('shows the comparison with history (regressions first, data as text) and says when there is none', async () => {
    const deep = syntheticDeepDrive({ hours: 1, stepSeconds: 15 });
    const model = buildReportModel([deep, baselineResult(deep.range)], { generatedAt: deep.range.end });
    assert.ok(model.history, 'the model carries a history comparison');
    const { page, errors } = await open();
    await postAndWaitRender(page, { type: 'report', model });
    const ids = await page.$$eval('main > section', (s) => s.map((x) => x.id));
    assert.deepEqual(ids.slice(-2), ['history', 'appendix'], 'history sits before the appendix, as in the HTML file');
    const verdicts = await page.$$eval('#history tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-verdict')));
    assert.deepEqual(verdicts, ['regression', 'improvement', 'unchanged', 'no_data_now']);
    const text = await page.locator('#history').innerText();
    assert.match(text, /\+120 %/);
    assert.match(text, /Baseline: 12 stored run\(s\)/);
    assert.ok(text.includes(HOSTILE_MEMBER), 'the hostile member name is shown as text');
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    await postAndWaitRender(page, { type: 'report', model: { ...model, history: undefined } });
    assert.match(await page.locator('#history').innerText(), /No history comparison/);
    assert.deepEqual(errors, []);
    assert.deepEqual(await cspViolations(page), []);
    await page.close();
  });

  test('shows loading and error messages from the host', async () => {
    const { page, errors } = await open();
    await page.evaluate(() => window.postMessage({ type: 'reportError', message: 'No Prometheus URL is configured.', hint: 'Run "etcd: Configure Connection".' }, '*'));
    await page.waitForSelector('[data-state="error"]');
    assert.match(await page.locator('[data-state="error"]').innerText(), /No Prometheus URL[\s\S]*Configure Connection/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('keeps a small saved state (no chart lines) and shows it again after a reload', async () => {
    const { page, errors } = await open();
    await postAndWaitRender(page, { type: 'report', model: recorded });
    const saved = await page.evaluate(() => JSON.parse(sessionStorage.getItem('vscode-state') ?? '{}'));
    assert.equal(saved.chartsStripped, true);
    assert.equal(saved.request.start, recorded.meta.range.start);
    assert.ok(saved.model.charts.every((c: { lines: unknown[] }) => c.lines.length === 0));
    assert.ok(JSON.stringify(saved).length < JSON.stringify(recorded).length / 2);
    await page.reload();
    await waitReady(page);
    assert.equal(await page.locator('#key-metrics tbody tr').count(), recorded.keyMetrics.length);
    assert.match(await page.locator('#charts').innerText(), /Loading charts/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
