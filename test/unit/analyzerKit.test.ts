// The shared result/summary helpers the per-category analyzers use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedupeErrors, dedupeMetrics, evaluatedResult } from '../../src/core/analyzers/analyzerKit';
import { verdictPhrase } from '../../src/core/analyzers/summaryText';
import type { Finding, MetricSummary, TimeRange } from '../../src/core/types';
import { HOUR_RANGE, makeFinding, makeRow } from '../helpers/builders';

const range: TimeRange = HOUR_RANGE;
const finding = (severity: Finding['severity'], id: string): Finding => makeFinding({ id, severity, member: 'm3', title: `t ${id}` });
const row: MetricSummary = makeRow('wal_fsync_duration', 'm1', { p99: 0.002 });

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
