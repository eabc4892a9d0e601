// The diagnosis leads the webviews in headless Chromium: the dashboard's first line under its toolbar and the
// report panel's executive summary say the same cause, member and evidence; hostile text in a headline stays text.
// Data: a real recording (test/fixtures/faults/stopped-member.json, m2 stopped on the local bed), diagnosed here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTILE, openWebview, postAndWaitRender, startWebviewBed, type WebviewBed } from './harness';
import type { AnalyzerResult } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { withDiagnosis } from '../../src/core/diagnosis/attach';
import { buildDashboardState } from '../../src/core/report/dashboardState';
import { buildReportModel } from '../../src/core/report/model';

const recording = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'faults', 'stopped-member.json'), 'utf8')).result as AnalyzerResult;
const findings = evaluateFindings(recording.metrics, DEFAULT_THRESHOLDS, { window: recording.range.duration, at: recording.range.end });
const diagnosed = withDiagnosis({ ...recording, findings, diagnosis: undefined });
const LINE = /^Critical — Member stopped on m2: its metrics target is down \(up = 0\)/;

describe('diagnosis first in the webviews (headless chromium)', () => {
  let bed: WebviewBed;
  before(async () => {
    bed = await startWebviewBed();
  });
  after(async () => {
    await bed?.close();
  });

  test('dashboard: the diagnosis line is the first thing under the toolbar, in the verdict\'s colour', async () => {
    const { page, errors } = await openWebview(bed, 'dashboard', 'dark', { width: 460, height: 1200 });
    const state = buildDashboardState({ range: '15m', deep: diagnosed });
    await postAndWaitRender(page, { type: 'state', state });
    const firstText = await page.evaluate(() => {
      const blocks = [...document.body.children].filter((e) => !e.classList.contains('toolbar') && (e as HTMLElement).innerText.trim());
      return (blocks[0] as HTMLElement).innerText.trim().split('\n')[0];
    });
    assert.match(firstText, LINE);
    assert.equal(await page.locator('#diagnosis').getAttribute('data-verdict'), 'critical');
    assert.match(await page.locator('#status-line').innerText(), /^critical: \d+ findings/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('dashboard: "not judged" shows when evidence is missing; a hostile headline is text', async () => {
    const { page, errors } = await openWebview(bed, 'dashboard', 'light', { width: 460, height: 1200 });
    const state = buildDashboardState({ range: '15m', deep: diagnosed });
    state.diagnosis = { ...state.diagnosis!, verdict: 'unknown', line: `Cannot judge ${HOSTILE}`, incidents: [], unjudged: [`cannot judge WAL fsync latency on ${HOSTILE} because no finite sample`] };
    await postAndWaitRender(page, { type: 'state', state });
    assert.equal(await page.locator('#diagnosis-line').innerText(), `Cannot judge ${HOSTILE}`);
    assert.match(await page.locator('#diagnosis details.unjudged summary').innerText(), /Not judged \(1\)/);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('report panel: the executive summary leads with the same line and lists the causes in order', async () => {
    const { page, errors } = await openWebview(bed, 'report', 'light', { width: 1100, height: 1400 });
    const model = buildReportModel(diagnosed);
    await postAndWaitRender(page, { type: 'report', model });
    assert.match(await page.locator('#summary .headline').innerText(), LINE);
    const causes = await page.$$eval('#summary ol.incidents > li', (lis) => lis.map((l) => l.getAttribute('data-incident')));
    assert.deepEqual(causes, diagnosed.diagnosis!.incidents.filter((i) => i.severity !== 'info').slice(0, 5).map((i) => i.id));
    assert.equal(causes[0], 'availability:m2');
    assert.match(await page.locator('#summary ol.incidents > li').first().innerText(), /→ Check the member process/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
