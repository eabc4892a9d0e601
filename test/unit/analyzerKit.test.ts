// The shared result/summary helpers the per-category analyzers use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedupeErrors, dedupeMetrics, evaluatedResult } from '../../src/core/analyzers/analyzerKit';
import { verdictPhrase } from '../../src/core/analyzers/summaryText';
import type { Finding, MetricSummary, TimeRange } from '../../src/core/types';

const range: TimeRange = { start: '2026-01-01T11:00:00.000Z', end: '2026-01-01T12:00:00.000Z', duration: '1h', stepSeconds: 15 };
const finding = (severity: Finding['severity'], id: string): Finding => ({
  id, rule: id.split(':')[0], category: 'disk', severity, member: 'm3', title: `t ${id}`, evidence: [], rootCause: 'r', recommendation: 'x',
});
const row = { metric: 'wal_fsync_duration', title: 'WAL fsync', category: 'wal_fsync', scope: 'member', member: 'm1', unit: 'seconds', stats: { p99: 0.002 } } as MetricSummary;

test('evaluatedResult carries everything collected and merges health counts with the extras into data', () => {
  const c = { metrics: [row], series: [], errors: [], queries: ['q1'], findings: [finding('critical', 'a:m3'), finding('warning', 'b:m3')] };
  const r = evaluatedResult({ name: 'tool_x', title: 'Tool X' }, range, c, 'sum', { extra: 1 });
  assert.equal(r.tool, 'tool_x');
  assert.equal(r.status, 'ok');
  assert.deepEqual(r.metrics, [row]);
  assert.equal(r.findings.length, 2);
  assert.deepEqual(r.queries, ['q1']);
  assert.equal(r.series, undefined, 'no empty series array');
  assert.deepEqual(r.data, { health: 'critical', critical: 1, warning: 1, info: 0, extra: 1 });
});

test('evaluatedResult: errors with no rows is failed; a narrowed metric list is what the result shows', () => {
  const err = { kind: 'timeout', query: 'q', message: 'slow', hint: 'h' } as const;
  const failed = evaluatedResult({ name: 't', title: 'T' }, range, { metrics: [], series: [], errors: [err], queries: [], findings: [] }, 's');
  assert.equal(failed.status, 'failed');
  const c = { metrics: [row, { ...row, member: 'm2' }], series: [], errors: [err], queries: [], findings: [] };
  const partial = evaluatedResult({ name: 't', title: 'T' }, range, { ...c, metrics: [row] }, 's');
  assert.equal(partial.status, 'partial');
  assert.deepEqual(partial.metrics.map((m) => m.member), ['m1']);
  assert.deepEqual(partial.data, { health: 'healthy', critical: 0, warning: 0, info: 0 });
});

test('verdictPhrase: health then the findings phrase', () => {
  assert.equal(verdictPhrase([]), 'Verdict: healthy — no findings.');
  assert.match(verdictPhrase([finding('warning', 'b:m3')]), /^Verdict: degraded — 1 finding \(1 warning\): warning: t b:m3\.$/);
});

test('dedupe: the first row per (metric, member, labels) wins; errors differ by message', () => {
  const a = { ...row, stats: { p99: 1 } };
  const b = { ...row, stats: { p99: 2 } };
  const peer = { ...row, labels: { To: 'm2' } };
  assert.deepEqual(dedupeMetrics([a, b, peer, { ...peer }]), [a, peer]);
  const e = { kind: 'timeout', query: 'q', message: 'slow', hint: 'h' } as const;
  assert.equal(dedupeErrors([e, { ...e }, { ...e, message: 'other' }]).length, 2);
});
