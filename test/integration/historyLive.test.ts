// The two history analyzers on real stored runs: get_etcd_disk_wal_fsync runs against the live cluster a few
// times through runAnalyzer (which records each result into a real history file), then get_etcd_history_trends
// and compare_etcd_to_baseline must return exactly those stored values. No generated rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import { createContext } from '../../src/core/context';
import { defaultProfileConfig } from '../../src/core/profiles';
import { openHistoryStore, type HistoryStore } from '../../src/core/history/store';
import type { AnalyzerContext } from '../../src/core/analyzers/types';
import type { AnalyzerResult } from '../../src/core/types';
import { liveBed } from '../helpers/testbed';
import { waitForProm } from '../helpers/prom';
import { median } from '../../src/core/analyzers/history/baselineMath';

const bed = liveBed();
const RUNS = 4;
const MEMBERS = ['m1', 'm2', 'm3'];

describe('history analyzers on real stored runs', () => {
  let dir: string;
  let store: HistoryStore;
  let ctx: AnalyzerContext;
  let firstAt: Date;
  const live: AnalyzerResult[] = [];
  const p99 = (r: AnalyzerResult, member: string) => r.metrics.find((m) => m.metric === 'wal_fsync_duration' && m.member === member)?.stats.p99;

  before(async () => {
    const seen = await waitForProm(bed.promUrl, 'count(increase(etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[5m]) > 0)', (v) => v === 3);
    assert.equal(seen, 3, `all three members should have WAL fsyncs in the last 5m at ${bed.promUrl}`);
    dir = mkdtempSync(join(tmpdir(), 'history-live-'));
    store = await openHistoryStore(join(dir, 'history.sqlite'));
    ctx = createContext({ profile: defaultProfileConfig(bed.promUrl), history: store });
    firstAt = new Date(Date.now() - 1000);
    for (let i = 0; i < RUNS; i++) {
      // Windows ending at different seconds: distinct stored runs with their own values.
      if (i) await new Promise((r) => setTimeout(r, 1100));
      const r = await runAnalyzer(ctx, 'get_etcd_disk_wal_fsync', { duration: i % 2 ? '10m' : '5m' });
      assert.equal(r.status, 'ok', r.summary);
      live.push(r);
    }
  });
  after(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('runAnalyzer stored every run with its real values', async () => {
    const runs = await store.runs({ tool: 'get_etcd_disk_wal_fsync' });
    assert.equal(runs.length, RUNS);
    assert.deepEqual(runs.map((r) => r.rangeEnd).reverse(), live.map((r) => r.range.end));
    assert.ok(runs.every((r) => r.cluster === bed.promUrl && r.profile === 'generic'));
  });

  test('get_etcd_history_trends returns the stored p99 of each run per member', async () => {
    const r = await runAnalyzer(ctx, 'get_etcd_history_trends', { metric: 'wal_fsync_duration', statistic: 'p99', days: 1 });
    assert.equal(r.status, 'ok', r.summary);
    for (const member of MEMBERS) {
      const s = r.series!.find((x) => x.member === member);
      assert.ok(s, `series for ${member}`);
      assert.deepEqual(
        s.points.map(([t, v]) => [new Date(t).toISOString(), v]),
        live.map((x) => [x.range.end, p99(x, member)]),
        `${member}: trend points are the stored runs' p99`,
      );
    }
    const data = r.data as { runs: number; members: Record<string, { points: number; slopePerDay: number | null }> };
    assert.equal(data.runs, RUNS);
    assert.ok(MEMBERS.every((m) => data.members[m].points === RUNS && typeof data.members[m].slopePerDay === 'number'));
    assert.match(r.summary, /wal|WAL/);
    // The trend tool is not recorded back into history (it would feed on itself).
    assert.equal((await store.runs({ tool: 'get_etcd_history_trends' })).length, 0);
  });

  test('compare_etcd_to_baseline compares the live window with the median of the stored runs', async () => {
    const r = await runAnalyzer(ctx, 'compare_etcd_to_baseline', {
      duration: '5m',
      metrics: ['wal_fsync_duration'],
      baselineStart: firstAt.toISOString(),
      baselineEnd: new Date().toISOString(),
    });
    assert.notEqual(r.status, 'failed', r.summary);
    assert.notEqual(r.status, 'unavailable', r.summary);
    const rows = (r.data as { comparisons: { member: string; statistic: string; now: number | null; baseline: number | null; baselineRuns: number; verdict: string }[] }).comparisons;
    for (const member of MEMBERS) {
      const row = rows.find((x) => x.member === member && x.statistic === 'p99');
      assert.ok(row, `a p99 comparison for ${member}`);
      assert.equal(row.baselineRuns, RUNS);
      assert.equal(row.baseline, median(live.map((x) => p99(x, member) as number)), `${member}: baseline = median of stored p99`);
      assert.equal(row.now, p99(r, member), 'now comes from the live collection');
      assert.ok(['regression', 'improvement', 'unchanged'].includes(row.verdict));
    }
    assert.match(r.summary, new RegExp(`Now \\(5m\\) vs baseline .*${RUNS} run\\(s\\)`));
    // Every regression finding carries both sides as evidence.
    for (const f of r.findings) assert.deepEqual(f.evidence.map((e) => e.note?.split(':')[0]), ['now', 'baseline']);
  });

  test('with a baseline window holding no stored runs it says so', async () => {
    const r = await runAnalyzer(ctx, 'compare_etcd_to_baseline', { duration: '5m', metrics: ['wal_fsync_duration'], baselineDays: 3 });
    // The default window ends where the current one starts: the runs stored seconds ago are inside the current window.
    assert.match(r.summary, /Too few stored runs to compare/);
    assert.equal(r.findings.length, 0);
  });
});
