// Pure parts behind the webviews: report model, dashboard state, chart mapping, decimation, message contract.
// Built from the analyzer results recorded against the dev bed (test/fixtures/webview/, see
// scripts/record-webview-fixtures.ts) plus small hand-made cases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzerResult, Finding, MetricSummary } from '../../src/core/types';
import { buildReportModel } from '../../src/core/report/model';
import { buildDashboardState } from '../../src/core/report/dashboardState';
import { buildCharts, CHART_DEFS } from '../../src/core/report/charts';
import { decimateColumns, MAX_LINE_BUCKETS } from '../../src/core/report/decimate';
import { gradeKeyMetrics, verdictOf } from '../../src/core/report/keyMetrics';
import { compareMembers, isOutlier } from '../../src/core/report/memberComparison';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { parseDashboardMessage, parseReportMessage } from '../../src/webview-contract/messages';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { withDiagnosis } from '../../src/core/diagnosis/attach';

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'webview', name), 'utf8')) as AnalyzerResult;
const deep = fixture('deep-drive.json');
const status = fixture('cluster-status.json');

function metric(metricId: string, member: string, stats: MetricSummary['stats'], scope: MetricSummary['scope'] = 'member'): MetricSummary {
  return { metric: metricId, title: metricId, category: 'general', scope, member, unit: 'seconds', stats };
}

function finding(id: string, severity: Finding['severity'], category: Finding['category'], recommendation: string): Finding {
  return { id, rule: id.split(':')[0], category, severity, member: id.split(':')[1] ?? 'cluster', title: `title ${id}`, evidence: [], rootCause: 'cause', recommendation };
}

const base = (over: Partial<AnalyzerResult>): AnalyzerResult => ({
  tool: 't',
  title: 'T',
  summary: '',
  status: 'ok',
  range: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z', duration: '1h', stepSeconds: 5 },
  metrics: [],
  findings: [],
  errors: [],
  ...over,
});

describe('report model from recorded results', () => {
  const model = buildReportModel([deep, status], { generatedAt: deep.range.end });

  test('members come from etcd with the leader marked; version from etcd', () => {
    assert.deepEqual(model.members.rows.map((r) => r.member), ['m1', 'm2', 'm3']);
    assert.equal(model.members.rows.filter((r) => r.isLeader).length, 1);
    assert.equal(model.meta.etcdVersion, '3.4.23');
  });

  test('six charts with per-member lines, columnar and aligned', () => {
    assert.deepEqual(model.charts.map((c) => c.id), CHART_DEFS.map((d) => d.id));
    const wal = model.charts.find((c) => c.id === 'wal_fsync_p99')!;
    assert.deepEqual(wal.lines.map((l) => l.label), ['m1', 'm2', 'm3']);
    for (const l of wal.lines) assert.equal(l.t.length, l.v.length);
    assert.equal(model.charts.find((c) => c.id === 'peer_rtt_p99')!.lines.length, 6, 'one line per member pair');
  });

  test('counts and health follow the findings; recommendations are numbered from 1', () => {
    const all = [...deep.findings, ...status.findings];
    const ids = new Set(all.map((f) => f.id));
    assert.equal(model.summary.counts.critical + model.summary.counts.warning + model.summary.counts.info, ids.size);
    assert.equal(model.bottlenecks.length, ids.size);
    model.recommendations.forEach((r, i) => assert.equal(r.priority, i + 1));
    assert.ok(model.queries.length > 10, 'the appendix lists the queries');
  });
});

describe('report model rules', () => {
  test('critical first, then the etcd FAQ cause order; duplicate findings merged; same advice grouped', () => {
    const a = base({ findings: [finding('cpu_high:m1', 'warning', 'cpu', 'more cpu'), finding('fsync:m2', 'warning', 'disk', 'faster disk')] });
    const b = base({ findings: [finding('fsync:m2', 'critical', 'disk', 'faster disk'), finding('fsync:m3', 'warning', 'disk', 'faster disk')] });
    const m = buildReportModel([a, b]);
    assert.equal(m.summary.health, 'critical');
    assert.deepEqual(m.bottlenecks.map((x) => x.findingId), ['fsync:m2', 'fsync:m3', 'cpu_high:m1']);
    assert.equal(m.recommendations[0].text, 'faster disk');
    assert.deepEqual(m.recommendations[0].members, ['m2', 'm3']);
    assert.equal(m.recommendations[0].severity, 'critical');
    assert.match(m.summary.headline, /^Critical: title fsync:m2 \(and 2 more findings\)\.$/);
  });

  test('failed queries keep their tool; no data says so', () => {
    const failed = base({ status: 'failed', errors: [{ kind: 'unreachable', query: 'up', message: 'ECONNREFUSED', hint: 'start it' }] });
    const m = buildReportModel(failed);
    assert.equal(m.failedQueries[0].tool, 't');
    assert.match(m.summary.headline, /^No data/);
  });

  test('verdicts: warn at the target, fail past the alert level (inclusive where the alert is ≥)', () => {
    assert.equal(verdictOf(0.009, DEFAULT_THRESHOLDS.walFsyncP99Seconds, 'walFsyncP99Seconds'), 'pass');
    assert.equal(verdictOf(0.01, DEFAULT_THRESHOLDS.walFsyncP99Seconds, 'walFsyncP99Seconds'), 'warn');
    assert.equal(verdictOf(1, DEFAULT_THRESHOLDS.walFsyncP99Seconds, 'walFsyncP99Seconds'), 'warn');
    assert.equal(verdictOf(1.01, DEFAULT_THRESHOLDS.walFsyncP99Seconds, 'walFsyncP99Seconds'), 'fail');
    assert.equal(verdictOf(85, DEFAULT_THRESHOLDS.cpuPercent, 'cpuPercent'), 'fail');
    assert.equal(verdictOf(null, DEFAULT_THRESHOLDS.cpuPercent, 'cpuPercent'), 'no_data');
  });

  test('key metric row names the worst member, or "all N" when they are equal', () => {
    const rows = gradeKeyMetrics(
      [metric('wal_fsync_duration', 'm1', { p99: 0.002 }), metric('wal_fsync_duration', 'm2', { p99: 0.03 }), metric('leader_changes', 'm1', { increase: 0 }), metric('leader_changes', 'm2', { increase: 0 })],
      DEFAULT_THRESHOLDS,
    );
    assert.deepEqual(rows.map((r) => [r.metric, r.member, r.verdict]), [['wal_fsync_duration', 'm2', 'warn'], ['leader_changes', 'all 2', 'pass']]);
  });

  test('outliers: factor × the median of the others, and not below half the target', () => {
    assert.equal(isOutlier(0.02, [0.002, 0.003], 3, DEFAULT_THRESHOLDS.walFsyncP99Seconds), true);
    assert.equal(isOutlier(0.004, [0.0005, 0.0005], 3, DEFAULT_THRESHOLDS.walFsyncP99Seconds), false, 'tiny values are not outliers');
    assert.equal(isOutlier(0.006, [0.003, 0.003], 3, DEFAULT_THRESHOLDS.walFsyncP99Seconds), false);
    const cmp = compareMembers(
      [metric('wal_fsync_duration', 'm1', { p99: 0.002 }), metric('wal_fsync_duration', 'm2', { p99: 0.05 }), metric('wal_fsync_duration', 'm3', { p99: 0.003 }), metric('peer_rtt', 'm2→m1', { p99: 0.01 }, 'pair')],
      DEFAULT_THRESHOLDS,
    );
    assert.deepEqual(cmp.rows.map((r) => r.cells[0].outlier), [false, true, false]);
    assert.equal(cmp.rows[1].cells[1].value, 0.01, 'a pair counts for the member that measured it');
  });
});

describe('dashboard state', () => {
  test('recorded run: ok, three members with a leader, findings sorted by severity', () => {
    const s = buildDashboardState({ range: '15m', deep, status, now: new Date(deep.range.end) });
    assert.equal(s.status, 'ok');
    assert.deepEqual(s.members.map((m) => m.name), ['m1', 'm2', 'm3']);
    assert.equal(s.members.filter((m) => m.isLeader).length, 1);
    assert.ok(s.members.every((m) => m.health === 'healthy' && m.walFsyncP99.value !== null && m.dbSizeBytes.value! > 0));
    const rank = { critical: 0, warning: 1, info: 2 };
    for (let i = 1; i < s.findings.length; i++) assert.ok(rank[s.findings[i - 1].severity] <= rank[s.findings[i].severity]);
    assert.deepEqual(s.window, { start: deep.range.start, end: deep.range.end });
  });

  test('sidebar and report agree: same merged findings, same order, the most severe copy kept', () => {
    const a = base({
      metrics: [metric('wal_fsync_duration', 'm1', { p99: 0.002 })],
      findings: [finding('cpu_high:m1', 'warning', 'cpu', 'more cpu'), finding('fsync:m2', 'warning', 'disk', 'faster disk')],
    });
    const b = base({ findings: [finding('fsync:m2', 'critical', 'disk', 'faster disk'), finding('fsync:m3', 'warning', 'disk', 'faster disk')] });
    const s = buildDashboardState({ range: '1h', deep: a, status: b });
    const m = buildReportModel([a, b]);
    assert.deepEqual(s.findings.map((f) => f.id), m.bottlenecks.map((x) => x.findingId));
    assert.deepEqual(s.findings.map((f) => f.severity), ['critical', 'warning', 'warning']);
  });

  test('failed deep drive with an unreachable error → unreachable with its message and hint', () => {
    const failed = base({ status: 'failed', errors: [{ kind: 'unreachable', query: 'up', message: 'connect ECONNREFUSED 127.0.0.1:9', hint: 'Is Prometheus running?' }] });
    const s = buildDashboardState({ range: '1h', deep: failed });
    assert.deepEqual([s.status, s.message, s.hint], ['unreachable', 'connect ECONNREFUSED 127.0.0.1:9', 'Is Prometheus running?']);
  });

  test('reachable but empty → no_data naming the selector setting', () => {
    const s = buildDashboardState({ range: '1h', deep: base({}) });
    assert.equal(s.status, 'no_data');
    assert.match(s.hint ?? '', /etcdSelector/);
  });
});

describe('charts and decimation', () => {
  test('both series spellings map to the chart; NaN becomes a gap', () => {
    const charts = buildCharts([
      { metric: 'wal_fsync_duration_p99', member: 'm1', unit: 'seconds', points: [[1000, 0.1], [2000, NaN], [3000, 0.2]] },
      { metric: 'wal_fsync_duration', member: 'm2', unit: 'seconds', points: [[1000, 0.3]] },
    ], DEFAULT_THRESHOLDS);
    const wal = charts.find((c) => c.id === 'wal_fsync_p99')!;
    assert.deepEqual(wal.lines.map((l) => [l.label, l.v]), [['m1', [0.1, null, 0.2]], ['m2', [0.3]]]);
    assert.equal(wal.warning, 0.01);
  });

  test('min-max keeps each bucket\'s extremes and its gaps, ≤ 4 points (+1 gap) per bucket', () => {
    const n = 10_000;
    const t = Array.from({ length: n }, (_, i) => i * 1000);
    const v: (number | null)[] = t.map((_, i) => (i === 5000 ? 100 : i >= 7000 && i < 7100 ? null : Math.sin(i / 50)));
    const out = decimateColumns(t, v, 200);
    assert.ok(out.t.length <= 200 * 5, `${out.t.length} points`);
    assert.ok(out.v.includes(100), 'the spike survives');
    assert.ok(out.v.includes(null), 'the gap survives');
    for (let i = 1; i < out.t.length; i++) assert.ok(out.t[i] >= out.t[i - 1], 'x stays sorted');
    const gapAt = out.v.indexOf(null);
    assert.ok(out.t[gapAt] >= 7_000_000 && out.t[gapAt] < 7_100_000, 'the gap sits where the data has it');
  });

  test('builders cap a line at MAX_LINE_BUCKETS × 4 points', () => {
    const points: [number, number][] = Array.from({ length: 20_000 }, (_, i) => [i * 5000, i % 7]);
    const [wal] = buildCharts([{ metric: 'wal_fsync_duration', member: 'm1', unit: 'seconds', points }]);
    assert.ok(wal.lines[0].t.length <= MAX_LINE_BUCKETS * 4 && wal.lines[0].t.length > MAX_LINE_BUCKETS);
  });
});

describe('message contract', () => {
  test('accepts the known webview messages and nothing else', () => {
    assert.deepEqual(parseDashboardMessage({ type: 'setRange', range: '6h' }), { type: 'setRange', range: '6h' });
    assert.equal(parseDashboardMessage({ type: 'setRange', range: '7d' }), undefined);
    assert.equal(parseDashboardMessage({ type: 'runCommand', command: 'x' }), undefined);
    assert.equal(parseDashboardMessage('ready'), undefined);
    assert.deepEqual(parseDashboardMessage({ type: 'rendered', status: 'ok', members: 3, charts: 6, points: -1 }), { type: 'rendered', status: 'ok', members: 3, charts: 6, points: 0 });
    assert.deepEqual(parseReportMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.equal(parseReportMessage({ type: 'openReport' }), undefined);
    assert.equal(parseReportMessage({ type: 'refresh' }), undefined, 'the report panel sends no refresh');
  });
});

describe('the diagnosis leads the report and the dashboard', () => {
  // A real recording (test/fixtures/faults/stopped-member.json: m2 stopped on the local bed), diagnosed as the faces get it.
  const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'faults', 'stopped-member.json'), 'utf8')).result as AnalyzerResult;
  const findings = evaluateFindings(recorded.metrics, DEFAULT_THRESHOLDS, { window: recorded.range.duration, at: recorded.range.end });
  const diagnosed = withDiagnosis({ ...recorded, findings, diagnosis: undefined });

  test('report executive summary: the headline is the diagnosis line, causes in order, verdict as health', () => {
    const m = buildReportModel(diagnosed);
    assert.match(m.summary.headline, /^Critical — Member stopped on m2: its metrics target is down \(up = 0\)/);
    assert.equal(m.summary.health, 'critical');
    assert.equal(m.summary.diagnosis?.incidents[0].id, 'availability:m2');
    assert.equal(m.summary.priorities[0], diagnosed.diagnosis!.incidents[0].headline);
  });

  test('dashboard header: the same line, the top causes, and "not judged" when evidence is missing', () => {
    const s = buildDashboardState({ range: '15m', deep: diagnosed });
    assert.equal(s.diagnosis?.line, buildReportModel(diagnosed).summary.headline, 'dashboard and report say the same first line');
    assert.equal(s.diagnosis?.incidents[0].id, 'availability:m2');
    assert.match(s.message ?? '', /^critical: \d+ findings/);
    const empty = withDiagnosis(base({ metrics: [metric('wal_fsync_duration', 'm1', { p99: null })] }));
    const e = buildDashboardState({ range: '1h', deep: empty });
    assert.equal(e.diagnosis?.verdict, 'unknown');
    assert.match(e.diagnosis?.line ?? '', /^Cannot judge/);
    assert.ok(e.diagnosis!.unjudged.some((u) => /^cannot judge WAL fsync latency because no finite sample in the window/.test(u)), e.diagnosis!.unjudged.join(' | '));
    assert.equal(buildReportModel(empty).summary.health, 'unknown', 'never healthy without evidence');
  });
});
