// The history page's state from stored runs (pure): run verdicts never say healthy without a clean run, charts carry
// their thresholds, and the page's messages are validated like the other webviews'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHistoryState, runVerdict, trendChart, HISTORY_CHART_METRICS, loadHistoryState } from '../../src/core/report/historyState';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { parseHistoryMessage } from '../../src/webview-contract/messages';
import type { StoredRunInfo } from '../../src/core/history/port';

const run = (id: number, over: Partial<StoredRunInfo> = {}): StoredRunInfo => ({
  id,
  startedAt: '2026-11-30T10:00:00.000Z',
  tool: 'some_tool',
  cluster: 'http://127.0.0.1:9090',
  profile: 'generic',
  rangeStart: '2026-11-30T09:00:00.000Z',
  rangeEnd: '2026-11-30T10:00:00.000Z',
  ...over,
});

test('a run is "clean" only when it finished ok with no findings; partial and failed runs say so', () => {
  assert.equal(runVerdict(run(1, { status: 'ok', findings: 0 })), 'clean');
  assert.equal(runVerdict(run(1, { status: 'partial', findings: 0 })), 'partial');
  assert.equal(runVerdict(run(1, { status: 'failed' })), 'failed');
  assert.equal(runVerdict(run(1, { status: 'ok', findings: 2, worstSeverity: 'critical' })), 'critical');
  assert.equal(runVerdict(run(1, {})), 'partial', 'no stored status: not judged healthy');
});

test('charts: one line per member, NaN/Inf as gaps, the threshold of the graded statistic', () => {
  const wal = HISTORY_CHART_METRICS.find((m) => m.metric === 'wal_fsync_duration')!;
  assert.equal(wal.statistic, 'p99');
  const spec = trendChart(wal, { m2: [{ runId: 1, at: '2026-11-30T10:00:00Z', value: 0.02 }], m1: [{ runId: 1, at: '2026-11-30T10:00:00Z', value: 0.004 }, { runId: 2, at: '2026-11-30T11:00:00Z', value: Number.NaN }] }, DEFAULT_THRESHOLDS)!;
  assert.deepEqual(spec.lines.map((l) => l.label), ['m1', 'm2']);
  assert.deepEqual(spec.lines[0].v, [0.004, null]);
  assert.equal(spec.warning, DEFAULT_THRESHOLDS.walFsyncP99Seconds.warning);
  assert.equal(spec.critical, DEFAULT_THRESHOLDS.walFsyncP99Seconds.critical);
  assert.equal(trendChart(wal, { m1: [{ runId: 1, at: '2026-11-30T10:00:00Z', value: null }] }, DEFAULT_THRESHOLDS), undefined, 'no values: no chart');
});

test('state: empty span says so with what to do; headlines are one clipped line', async () => {
  const empty = buildHistoryState({ days: 7, runs: [], trends: [], thresholds: DEFAULT_THRESHOLDS, now: new Date('2026-12-01T00:00:00Z') });
  assert.equal(empty.status, 'empty');
  assert.match(empty.hint!, /--history/);
  const long = 'x'.repeat(500);
  const s = buildHistoryState({ days: 7, runs: [run(3, { summary: `line one\n${long}`, status: 'ok', findings: 0 })], trends: [], thresholds: DEFAULT_THRESHOLDS, now: new Date() });
  assert.equal(s.status, 'ok');
  assert.ok(s.runs[0].headline.length <= 200 && !s.runs[0].headline.includes('\n'));
  const off = await loadHistoryState(undefined, { days: 30, thresholds: DEFAULT_THRESHOLDS });
  assert.equal(off.status, 'disabled');
  const broken = await loadHistoryState({ runs: async () => Promise.reject(new Error('disk gone')), trend: async () => ({}), record: async () => 0, close: async () => {} }, { days: 30, thresholds: DEFAULT_THRESHOLDS });
  assert.equal(broken.status, 'error');
  assert.match(broken.message!, /disk gone/);
});

test('history page messages are validated', () => {
  assert.deepEqual(parseHistoryMessage({ type: 'setDays', days: 7 }), { type: 'setDays', days: 7 });
  assert.equal(parseHistoryMessage({ type: 'setDays', days: 8 }), undefined);
  assert.deepEqual(parseHistoryMessage({ type: 'pinBaseline', runId: 4 }), { type: 'pinBaseline', runId: 4 });
  for (const runId of [0, -1, 1.5, '4', null, Number.MAX_VALUE]) assert.equal(parseHistoryMessage({ type: 'pinBaseline', runId }), undefined, String(runId));
  assert.equal(parseHistoryMessage({ type: 'evil' }), undefined);
  assert.equal(parseHistoryMessage(null), undefined);
});
