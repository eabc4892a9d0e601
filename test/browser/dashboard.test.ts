// The dashboard bundle in headless Chromium: recorded live data draws, states show, data stays text.
// Run: node --import tsx --test --test-concurrency=1 --test-reporter=spec test/browser/*.test.ts
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasInk, cspViolations, HOSTILE, openWebview, postAndWaitRender, posted, readFixture, startWebviewBed, waitReady, type Theme, type WebviewBed } from './harness';
import { syntheticDashboardState } from './synthetic';
import type { DashboardState } from '../../src/core/report/dashboardTypes';
import { emptyDashboardState } from '../../src/core/report/dashboardState';

describe('dashboard webview (headless chromium)', () => {
  let bed: WebviewBed;
  const recorded = readFixture<DashboardState>('dashboard-state.json');

  before(async () => {
    bed = await startWebviewBed();
  });
  after(async () => {
    await bed?.close();
  });

  const open = (theme: Theme = 'light', width = 460) => openWebview(bed, 'dashboard', theme, { width, height: 1200 });

  test('draws the recorded live state in light, dark and high contrast: table, findings, six charts with ink', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const { page, errors } = await open(theme);
      await postAndWaitRender(page, { type: 'state', state: recorded });
      const names = await page.$$eval('#members-table tbody tr th', (ths) => ths.map((t) => t.firstChild?.textContent));
      assert.deepEqual(names, recorded.members.map((m) => m.name), theme);
      assert.equal(await page.locator('#members-table .leader-mark').count(), recorded.members.filter((m) => m.isLeader).length);
      assert.equal(await page.locator('#findings-list > li').count(), recorded.findings.length);
      assert.ok(recorded.findings.length > 0, 'the recorded fixture has a finding');
      const ink = await canvasInk(page);
      assert.deepEqual(Object.keys(ink).sort(), recorded.charts.map((c) => c.id).sort());
      for (const c of recorded.charts) {
        if (c.lines.some((l) => l.v.some((y) => y !== null))) assert.ok(ink[c.id] > 0.005, `${theme}: chart ${c.id} has ink (${ink[c.id]})`);
      }
      const rendered = (await posted(page)).find((m) => m.type === 'rendered');
      assert.equal(rendered.status, 'ok');
      assert.equal(rendered.members, recorded.members.length);
      assert.ok(rendered.points > 0);
      assert.match(await page.locator('#status-line').innerText(), /updated/);
      assert.deepEqual(errors, [], `${theme}: no console errors`);
      assert.deepEqual(await cspViolations(page), [], `${theme}: no CSP violations`);
      await page.close();
    }
  });

  test('6 h at 5 s: min-max decimation keeps every line within ~4 points per pixel of chart width', async () => {
    const { page, errors } = await open('dark', 900);
    const state = syntheticDashboardState({ hours: 6, stepSeconds: 5, gapEvery: 700 });
    const rawPoints = state.charts.reduce((n, c) => n + c.lines.reduce((k, l) => k + l.t.length, 0), 0);
    await postAndWaitRender(page, { type: 'state', state });
    const budget = await page.$$eval('figure.chart-card canvas', (cs) => cs.reduce((n, c) => n + 4 * (c as HTMLCanvasElement).clientWidth * 3, 0));
    const drawn = (await posted(page)).find((m) => m.type === 'rendered').points;
    assert.ok(drawn > 0 && drawn < rawPoints / 4, `decimated: ${drawn} of ${rawPoints}`);
    // Each bucket may add one gap marker to its four points: allow 5 per pixel column.
    assert.ok(drawn <= (budget * 5) / 4, `${drawn} points for a budget of ${budget}`);
    const ink = await canvasInk(page);
    assert.equal(Object.values(ink).filter((v) => v > 0.005).length, 6);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('not configured, unreachable and no data states show their message and action', async () => {
    const { page, errors } = await open();
    await postAndWaitRender(page, { type: 'state', state: emptyDashboardState('1h', 'not_configured', 'No Prometheus URL is configured.', 'Run "etcd: Configure Connection".') });
    assert.equal(await page.getAttribute('#state-panel', 'data-state'), 'not_configured');
    assert.match(await page.locator('#state-panel').innerText(), /Not configured[\s\S]*No Prometheus URL/);
    assert.equal(await page.locator('#members-table').count(), 0);
    await page.click('#configure');
    assert.ok((await posted(page)).some((m) => m.type === 'configure'));

    await postAndWaitRender(page, { type: 'state', state: emptyDashboardState('1h', 'unreachable', 'connect ECONNREFUSED 127.0.0.1:9', 'Is Prometheus running?') });
    assert.match(await page.locator('#state-panel').innerText(), /Prometheus unreachable[\s\S]*ECONNREFUSED[\s\S]*Is Prometheus running/);
    await page.click('#retry');
    assert.ok((await posted(page)).some((m) => m.type === 'refresh'));

    await postAndWaitRender(page, { type: 'state', state: emptyDashboardState('1h', 'no_data', 'Prometheus answered, but no etcd series matched.') });
    assert.match(await page.locator('#state-panel').innerText(), /No data/);
    assert.equal(await page.locator('figure.chart-card').count(), 0);

    // Back to data: the panel hides again.
    await postAndWaitRender(page, { type: 'state', state: recorded });
    assert.equal(await page.locator('#state-panel').isHidden(), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a hostile member name renders as text and runs nothing', async () => {
    const { page, errors } = await open();
    const evil = JSON.parse(JSON.stringify(recorded).replaceAll('"m2', JSON.stringify(HOSTILE).slice(0, -1))) as DashboardState;
    assert.ok(evil.members.some((m) => m.name === HOSTILE), 'fixture rewritten');
    await postAndWaitRender(page, { type: 'state', state: evil });
    const names = await page.$$eval('#members-table tbody th', (ths) => ths.map((t) => t.firstChild?.textContent));
    assert.ok(names.includes(HOSTILE));
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('range buttons post setRange, the choice survives a reload, and ready is sent again', async () => {
    const { page, errors } = await open();
    await postAndWaitRender(page, { type: 'state', state: recorded });
    await page.click('button[data-range="6h"]');
    assert.ok((await posted(page)).some((m) => m.type === 'setRange' && m.range === '6h'));
    assert.equal(await page.getAttribute('button[data-range="6h"]', 'aria-pressed'), 'true');
    await page.click('#open-report');
    assert.ok((await posted(page)).some((m) => m.type === 'openReport'));
    await page.reload();
    await waitReady(page);
    // The saved state shows at once (members, without chart lines) until the host re-posts.
    assert.equal(await page.locator('#members-table tbody tr').count(), recorded.members.length);
    assert.match(await page.locator('#charts').innerText(), /Loading charts/);
    assert.equal(await page.getAttribute('button[data-range="6h"]', 'aria-pressed'), 'true', 'the chosen range survives');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('charts are redrawn with the new colours when the theme changes', async () => {
    const { page, errors } = await open('light');
    await postAndWaitRender(page, { type: 'state', state: recorded });
    const snap = () => page.$eval('figure[data-chart="wal_fsync_p99"] canvas', (c) => (c as HTMLCanvasElement).toDataURL());
    const before = await snap();
    await page.evaluate(() => {
      const link = document.querySelector('link[href^="/theme/"]') as HTMLLinkElement;
      link.href = '/theme/dark.css';
      return new Promise<void>((resolve) => link.addEventListener('load', () => resolve(), { once: true }));
    });
    await page.evaluate(() => {
      document.body.classList.replace('vscode-light', 'vscode-dark');
    });
    await page.waitForTimeout(200);
    assert.notEqual(await snap(), before, 'the canvas changed after the theme switch');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
