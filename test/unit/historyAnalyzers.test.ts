// The two history analyzers over a real store (temp file) and a stub collector: unavailable without history,
// too few runs, a worsening trend with a change point, and a regression vs baseline with evidence.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyTrendsAnalyzer } from '../../src/core/analyzers/historyTrends';
import { compareToBaselineAnalyzer } from '../../src/core/analyzers/compareToBaseline';
import type { AnalyzerContext } from '../../src/core/analyzers/types';
import type { MetricSummary } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { silentLogger } from '../../src/core/util/log';
import { openHistoryStore, type HistoryStore } from '../../src/core/history/store';
import { latencyRow, walResult } from '../helpers/historyFixtures';

const PROM = 'http://127.0.0.1:9999';
const NOW = Date.parse('2026-05-20T12:00:00Z');
const HOUR = 3_600_000;
const meta = { cluster: PROM, profile: 'generic' };

function ctxWith(history: HistoryStore | undefined, nowRows: MetricSummary[] = []): AnalyzerContext {
  return {
    source: {} as AnalyzerContext['source'],
    profile: { id: 'generic', config: { prometheusUrl: PROM }, etcdMatchers: () => 'job="etcd"' } as unknown as AnalyzerContext['profile'],
    thresholds: structuredClone(DEFAULT_THRESHOLDS),
    collector: {
      async collect(req) {
        return { metrics: nowRows.filter((r) => req.metrics.includes(r.metric)), series: [], errors: [], queries: ['stub'] };
      },
    },
    history,
    now: () => new Date(NOW),
    log: silentLogger,
  };
}

describe('history analyzers', () => {
  let dir: string;
  let store: HistoryStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'history-analyzers-'));
    store = await openHistoryStore(join(dir, 'h.sqlite'), { now: () => new Date(NOW) });
    // 48 hourly runs over the last two days: m1 steady at 2 ms; m2 at 2 ms, then 8 ms for the last 16 hours.
    const runs = Array.from({ length: 48 }, (_, i) => {
      const end = NOW - (48 - i) * HOUR;
      return store.record(walResult(end, { m1: 0.002 + (i % 3) * 0.0001, m2: i < 32 ? 0.002 + (i % 2) * 0.0001 : 0.008 + (i % 2) * 0.0001 }), meta);
    });
    // Another cluster's runs must never leak into this one's trend or baseline.
    runs.push(store.record(walResult(NOW - HOUR, { m1: 5 }), { cluster: 'http://other:9090', profile: 'generic' }));
    await Promise.all(runs);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('without history both say unavailable and how to turn it on', async () => {
    for (const a of [historyTrendsAnalyzer, compareToBaselineAnalyzer] as const) {
      const r = await a.run(ctxWith(undefined), {} as never);
      assert.equal(r.status, 'unavailable');
      assert.match(r.summary, /history is off or not configured: enable etcdAnalyzer\.history\.enabled .*--history FILE/);
      assert.equal(r.errors[0].kind, 'unavailable');
    }
  });

  test('trend: per-member series, slope, a change point on m2 and a worsening finding for m2 only', async () => {
    const r = await historyTrendsAnalyzer.run(ctxWith(store), { days: 3 });
    assert.equal(r.status, 'ok');
    assert.deepEqual(r.series!.map((s) => [s.member, s.points.length]), [['m1', 48], ['m2', 48]]);
    assert.ok(r.series!.every((s) => s.points.every(([, v]) => v !== null && v < 1)), 'no value from the other cluster');
    const data = r.data as { members: Record<string, { slopePerDay: number; changePoints: { index: number; before: number; after: number }[] }> };
    assert.equal(data.members.m1.changePoints.length, 0);
    assert.equal(data.members.m2.changePoints.length, 1);
    assert.equal(data.members.m2.changePoints[0].index, 32);
    assert.ok(data.members.m2.slopePerDay > 0);
    assert.deepEqual(r.findings.map((f) => [f.rule, f.member]), [['history_trend_worsening', 'm2']]);
    assert.equal(r.findings[0].severity, 'info', '8 ms is still below the 10 ms target');
    assert.equal(r.findings[0].evidence[1].value, 0.0081);
    assert.match(r.summary, /m2 2 ms → 8\.1 ms/);
  });

  test('trend: unknown metric, unsupported statistic, and too few runs are explained', async () => {
    const unknown = await historyTrendsAnalyzer.run(ctxWith(store), { metric: 'nope' });
    assert.equal(unknown.status, 'failed');
    assert.match(unknown.summary, /unknown metric "nope"/);
    const stat = await historyTrendsAnalyzer.run(ctxWith(store), { metric: 'process_cpu_percent', statistic: 'p99' });
    assert.match(stat.summary, /process_cpu_percent has no statistic "p99": use one of avg, max/);
    const few = await historyTrendsAnalyzer.run(ctxWith(store), { start: new Date(NOW - 2.5 * HOUR).toISOString(), end: new Date(NOW).toISOString() });
    assert.match(few.summary, /Too few stored runs for a trend .*2 run\(s\)/);
    assert.equal((few.data as { tooFewRuns: boolean }).tooFewRuns, true);
  });

  test('baseline: a regression beyond the tolerance becomes a finding with now and baseline as evidence', async () => {
    const now = [latencyRow('m1', { p50: 0.0005, p99: 0.0021 }), latencyRow('m2', { p50: 0.0005, p99: 0.012 })];
    const r = await compareToBaselineAnalyzer.run(ctxWith(store, now), {
      metrics: ['wal_fsync_duration'],
      baselineStart: new Date(NOW - 49 * HOUR).toISOString(),
      baselineEnd: new Date(NOW - 20 * HOUR).toISOString(),
    });
    assert.equal(r.status, 'ok');
    const rows = (r.data as { comparisons: { member: string; statistic: string; baseline: number; baselineRuns: number; verdict: string }[] }).comparisons;
    const m2p99 = rows.find((x) => x.member === 'm2' && x.statistic === 'p99')!;
    assert.equal(m2p99.verdict, 'regression');
    assert.equal(m2p99.baselineRuns, 29);
    assert.equal(m2p99.baseline, 0.002, 'median of 15 × 2 ms and 14 × 2.1 ms');
    assert.equal(rows.find((x) => x.member === 'm1' && x.statistic === 'p99')!.verdict, 'unchanged');
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(f.rule, 'baseline_regression');
    assert.equal(f.member, 'm2');
    assert.equal(f.severity, 'warning', '12 ms is above the 10 ms target');
    assert.deepEqual(f.evidence.map((e) => [e.note?.split(':')[0], e.value]), [['now', 0.012], ['baseline', 0.002]]);
    assert.match(r.summary, /1 regression\(s\) beyond 25 %/);
  });

  test('baseline: against one stored run, and with too few runs in the window', async () => {
    const ids = (await store.runs({ limit: 100, cluster: PROM })).map((x) => x.id);
    const now = [latencyRow('m2', { p50: 0.0005, p99: 0.0082 })];
    const byRun = await compareToBaselineAnalyzer.run(ctxWith(store, now), { metrics: ['wal_fsync_duration'], runId: Math.min(...ids) });
    assert.equal(byRun.findings.length, 1, 'the first run had m2 at 2 ms');
    assert.match(byRun.findings[0].evidence[1].note!, /stored run #\d+/);

    const few = await compareToBaselineAnalyzer.run(ctxWith(store, now), {
      metrics: ['wal_fsync_duration'],
      baselineStart: new Date(NOW - 49 * HOUR).toISOString(),
      baselineEnd: new Date(NOW - 46.5 * HOUR).toISOString(),
    });
    assert.equal(few.findings.length, 0);
    assert.match(few.summary, /Too few stored runs to compare: .* holds 2 run\(s\) .* at least 3 per member/);
    const missing = await compareToBaselineAnalyzer.run(ctxWith(store, now), { runId: 99999 });
    assert.match(missing.summary, /no stored run #99999/);
  });
});
