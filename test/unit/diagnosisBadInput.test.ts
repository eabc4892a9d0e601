// Bad input never becomes a verdict: all-NaN, all-Inf, empty, partial and contradictory data each give an explicit
// "cannot judge X because Y" (diagnosis.unjudged), a verdict that is not healthy, a CLI gate that fails closed,
// and faces that say so first. Rows come from the real parsing path (samplesToRows) where the input is a Prometheus answer.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzerResult, MetricSummary, QueryError } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { withDiagnosis } from '../../src/core/diagnosis/attach';
import { samplesToRows } from '../../src/core/collect/rows';
import { STAT_LABEL } from '../../src/core/collect/statsQuery';
import { getMetric } from '../../src/core/metrics/catalog';
import { EMPTY_DISCOVERY } from '../../src/core/collect/discovery';
import { exitCodeFor, EXIT } from '../../src/cli/exitCodes';
import { renderResult } from '../../src/cli/output';
import { renderResultMarkdown } from '../../src/core/report/markdown';
import { healthyCluster, set, MEMBERS } from '../helpers/diagnosisFixtures';
import type { Profile } from '../../src/core/profiles/types';
import type { Statistic } from '../../src/core/types';

const NEEDED_METRICS = ['member_up', 'wal_fsync_duration', 'backend_commit_duration', 'process_cpu_percent', 'peer_rtt', 'has_leader', 'db_quota_percent'];
const profile = { memberOf: (l: Record<string, string>) => l.member ?? 'unknown', nodeOf: () => 'n1', nodeForMember: () => undefined } as unknown as Profile;

/** Every needed metric answered by Prometheus with `value` for every statistic of every member. */
function answered(value: string): MetricSummary[] {
  return NEEDED_METRICS.flatMap((id) => {
    const def = getMetric(id)!;
    const samples = MEMBERS.flatMap((member) =>
      def.stats.map((stat: Statistic) => ({ labels: { member, [STAT_LABEL]: stat, ...(def.scope === 'pair' ? { To: 'x' } : {}) }, value: value === '+Inf' ? Number.POSITIVE_INFINITY : Number.NaN, time: 0 })),
    );
    return samplesToRows(def, def.stats, samples, profile, EMPTY_DISCOVERY);
  });
}

function judge(metrics: MetricSummary[], errors: QueryError[] = []) {
  const findings = evaluateFindings(metrics, DEFAULT_THRESHOLDS, { window: '5m' });
  return { findings, d: diagnose({ findings, metrics, errors, window: '5m' }) };
}

function result(metrics: MetricSummary[], errors: QueryError[] = []): AnalyzerResult {
  const findings = evaluateFindings(metrics, DEFAULT_THRESHOLDS, { window: '5m' });
  return withDiagnosis({
    tool: 'get_etcd_bottleneck_analysis',
    title: 'etcd bottleneck analysis',
    summary: 'Cluster over 5m.',
    status: errors.length ? 'partial' : 'ok',
    range: { start: '2026-01-01T11:55:00Z', end: '2026-01-01T12:00:00Z', duration: '5m', stepSeconds: 15 },
    metrics,
    findings,
    errors,
  });
}

describe('bad input gives "cannot judge X because Y", never healthy', () => {
  test('all NaN: every needed signal unjudged, verdict unknown, exit 5 under --fail-on, faces lead with it', () => {
    const m = answered('NaN');
    const { d, findings } = judge(m);
    assert.equal(findings.length, 0);
    assert.equal(d.verdict, 'unknown');
    assert.ok(d.unjudged.length >= 6, JSON.stringify(d.unjudged));
    assert.ok(d.unjudged.every((u) => /no finite sample/.test(u.reason)));
    assert.match(d.headline, /^Cannot judge the cluster over 5m: no usable data for member availability \(up\), WAL fsync latency/);
    const r = result(m);
    assert.equal(r.status, 'partial');
    assert.equal(exitCodeFor(r, 'warning'), EXIT.unjudged);
    assert.equal(exitCodeFor(r), EXIT.ok, 'without --fail-on the run itself succeeded');
    assert.match(renderResult(r, 'table').split('\n')[0], /^DIAGNOSIS: Cannot judge the cluster/);
    assert.match(renderResultMarkdown(r).split('\n')[0], /^\*\*Cannot judge the cluster/);
    assert.doesNotMatch(renderResultMarkdown(r), /within its healthy target/);
  });

  test('all +Inf: quantiles above the top bucket are graded critical, not "no data"; gauges are unjudged', () => {
    const m = answered('+Inf');
    const fsync = m.find((r) => r.metric === 'wal_fsync_duration')!;
    assert.deepEqual(fsync.aboveTop?.sort(), ['max', 'p50', 'p90', 'p99']);
    assert.equal(fsync.stats.p99, null, 'JSON has no Infinity: the stat stays null, aboveTop says why');
    const { d, findings } = judge(m);
    const f = findings.find((x) => x.id === 'wal_fsync_p99_high:m1');
    assert.ok(f, findings.map((x) => x.id).join());
    assert.equal(f.severity, 'critical');
    assert.match(f.title, /above the histogram's top bucket/);
    assert.equal(f.evidence[0].aboveTop, true);
    assert.equal(d.verdict, 'critical');
    assert.ok(d.unjudged.some((u) => u.signal === 'member availability (up)'), 'an +Inf gauge is no data');
    assert.match(renderResultMarkdown(result(m)), /above top bucket/);
  });

  test('empty: no series at all says which signals are missing', () => {
    const { d } = judge([]);
    assert.equal(d.verdict, 'unknown');
    assert.ok(d.unjudged.some((u) => u.signal === 'WAL fsync latency' && /no series in the window/.test(u.reason)));
    assert.match(d.headline, /^Cannot judge/);
  });

  test('partial: a failed query is named as the reason its signal is unjudged; the rest is still judged', () => {
    const m = healthyCluster().filter((r) => r.metric !== 'wal_fsync_duration');
    const err: QueryError = { kind: 'timeout', query: 'histogram_quantile(…)', metric: 'wal_fsync_duration', message: 'timed out after 30 s', hint: 'retry' };
    const { d } = judge(m, [err]);
    assert.equal(d.verdict, 'unknown');
    assert.deepEqual(d.unjudged.map((u) => u.signal), ['WAL fsync latency']);
    assert.match(d.unjudged[0].reason, /its query failed \(timeout: timed out after 30 s\)/);
    // A fault elsewhere is still named first: partial data does not hide what was measured.
    const { d: d2 } = judge(set(m, 'member_up', 'm3', { latest: 0, min: 0 }), [err]);
    assert.equal(d2.incidents[0].member, 'm3');
  });

  test('one member without data while the others have it is unjudged for that member', () => {
    const m = set(healthyCluster(), 'wal_fsync_duration', 'm2', { p50: null, p99: null, max: null });
    const { d } = judge(m);
    assert.deepEqual(d.unjudged, [{ signal: 'WAL fsync latency', member: 'm2', reason: 'no finite sample for this member in the window (NaN, ±Inf or empty)' }]);
    assert.equal(d.verdict, 'unknown');
  });

  test('contradictory: a target up in `up` with no etcd metric is named', () => {
    const m = set(healthyCluster(), 'member_up', 'm4', { latest: 1, min: 1 });
    const { d } = judge(m);
    const u = d.unjudged.find((x) => x.member === 'm4');
    assert.ok(u, JSON.stringify(d.unjudged));
    assert.equal(u.signal, 'etcd metrics');
    assert.match(u.reason, /up = 1.*exports no etcd metric/);
    assert.notEqual(d.verdict, 'healthy');
  });

  test('negative latency and a start time in the future are bad data, not good values', () => {
    let m = set(healthyCluster(), 'wal_fsync_duration', 'm1', { p99: -0.004 });
    m = set(m, 'process_uptime_seconds', 'm2', { latest: -3600 });
    const { d } = judge(m);
    assert.ok(d.unjudged.some((u) => u.member === 'm1' && /bad data: negative p99 latency/.test(u.reason)), JSON.stringify(d.unjudged));
    assert.ok(d.unjudged.some((u) => u.member === 'm2' && /start time is in the future/.test(u.reason)));
    assert.equal(d.verdict, 'unknown');
  });

  test('a healthy result passes --fail-on; a degraded one exits 1 before the unjudged check', () => {
    assert.equal(exitCodeFor(result(healthyCluster()), 'warning'), EXIT.ok);
    const r = result(set(healthyCluster(), 'member_up', 'm3', { latest: 0, min: 0 }));
    assert.equal(exitCodeFor(r, 'warning'), EXIT.findings);
    assert.match(renderResult(r, 'table').split('\n')[0], /^DIAGNOSIS: (Warning|Critical) — Member stopped on m3/);
  });
});

describe('summaries never call missing data "below target"', () => {
  test('verdict(): all NaN is not judged; one member without data is named', async () => {
    const { verdict } = await import('../../src/core/analyzers/summaryText');
    const rows = MEMBERS.map((m) => ({ metric: 'wal_fsync_duration', title: 'x', category: 'wal_fsync' as const, scope: 'member' as const, member: m, unit: 'seconds' as const, stats: { p99: null } }));
    assert.equal(verdict([], 'wal_fsync_p99_high', 'target', { rows, stat: 'p99' }), 'not judged: no finite data');
    rows[0].stats = { p99: 0.002 } as never;
    assert.equal(verdict([], 'wal_fsync_p99_high', 'target', { rows, stat: 'p99' }), 'the others below target; no data for m2, m3');
    assert.equal(verdict([], 'wal_fsync_p99_high'), 'all below target', 'unchanged without rows');
  });
});
