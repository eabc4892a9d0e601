// Dashboard time to first full paint in headless Chromium: 1 h, 6 h and 24 h of 5 s points × 3 members
// × 6 charts (generated series, through buildDashboardState like the host), minified bundle, at a sidebar width
// and at an editor width. Measured in the page: from the host message's postMessage (structured clone included,
// as in VS Code) to the frame after the render (table, findings, six Chart.js canvases drawn). The state is handed
// to the page before the clock starts (the CDP transfer is a harness cost, not a webview one). Fresh page per run;
// median of RUNS. The page warms Chart.js up after `ready` while the host queries; that one-time cost is printed
// separately ("warm-up before data").
// Also times the min-max pass alone in Node. Figures only, no assertions.
// Run: node --import tsx scripts/bench/webview.bench.ts
import * as fs from 'node:fs';
import { buildBundles, launchBrowser, startHarness } from '../../test/browser/harness';
import { syntheticDashboardState, syntheticDeepDrive } from '../../test/browser/synthetic';
import { decimateMinMax } from '../../webview/shared/decimate';
import { toColumns } from '../../src/core/report/charts';

const RUNS = Number(process.env.WEBVIEW_BENCH_RUNS ?? 5);
const WIDTHS = [420, 1200];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main(): Promise<void> {
  const bundles = await buildBundles(true);
  const harness = await startHarness(bundles);
  const browser = await launchBrowser();
  try {
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    console.log(`dashboard first full paint, median of ${RUNS} (min–max), Chrome ${browser.version()}, load average ${load}`);
    for (const hours of [1, 6, 24]) {
      const state = syntheticDashboardState({ hours, stepSeconds: 5, range: hours === 1 ? '1h' : hours === 6 ? '6h' : '24h' });
      const raw = state.charts.reduce((n, c) => n + c.lines.reduce((k, l) => k + l.t.length, 0), 0);
      for (const width of WIDTHS) {
        const times: number[] = [];
        const cpu: number[] = [];
        const warm: number[] = [];
        let drawn = 0;
        for (let i = 0; i < RUNS; i++) {
          const page = await browser.newPage({ viewport: { width, height: 1600 } });
          await page.goto(harness.url('dashboard', 'dark'));
          // The page warms Chart.js up right after `ready` (while the host queries Prometheus); start once it is done.
          await page.waitForFunction(() => document.body.hasAttribute('data-warm'));
          warm.push(Number(await page.getAttribute('body', 'data-warm')));
          await page.evaluate((s) => ((window as any).__pending = { type: 'state', state: s }), state);
          // Main-thread CPU time (CDP TaskDuration) next to wall time: on a shared, loaded machine the wall clock
          // also counts waiting for a core.
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Performance.enable');
          const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
          const cpu0 = await task();
          const ms = await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                const t0 = performance.now();
                const mo = new MutationObserver(() => {
                  mo.disconnect();
                  requestAnimationFrame(() => resolve(performance.now() - t0));
                });
                mo.observe(document.body, { attributes: true, attributeFilter: ['data-rendered'] });
                window.postMessage((window as any).__pending, '*');
              }),
          );
          times.push(ms);
          cpu.push((await task() - cpu0) * 1000);
          drawn = (await page.evaluate(() => (window as any).__posted.find((m: any) => m.type === 'rendered')?.points)) ?? 0;
          await page.close();
        }
        console.log(
          `  ${String(hours).padStart(2)} h  ${String(raw).padStart(6)} points → ${String(drawn).padStart(5)} drawn  width ${String(width).padStart(4)} px: ` +
            `${median(times).toFixed(1)} ms (${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}), main-thread CPU ${median(cpu).toFixed(1)} ms; warm-up before data ${median(warm).toFixed(0)} ms`,
        );
      }
    }
    // The decimation pass alone (Node, same code as the bundle): 24 h of 5 s = 17,281 points per line.
    const line = toColumns('m1', syntheticDeepDrive({ hours: 24, stepSeconds: 5, members: ['m1'] }).series![0].points);
    const reps = 200;
    const t0 = performance.now();
    let kept = 0;
    for (let i = 0; i < reps; i++) kept = decimateMinMax(line.t, line.v, 400).length;
    console.log(`  min-max pass: ${line.t.length} → ${kept} points at 400 px in ${((performance.now() - t0) / reps).toFixed(2)} ms per line (Node)`);
  } finally {
    await browser.close();
    await harness.close();
    fs.rmSync(bundles, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
