// `etcd-analyzer run`'s default output (--format summary): the diagnosis on line 1, then what to do, then the key
// metrics one row each; every metric for every member only with --format table. Synthetic metric summaries
// (test/helpers/diagnosisFixtures.ts) bent into one fault at a time.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzerResult, MetricSummary } from '../../src/core/types';
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { withDiagnosis } from '../../src/core/diagnosis/attach';
import { diagnosisLine } from '../../src/core/diagnosis/text';
import { renderResult } from '../../src/cli/output';
import { parseCliArgs } from '../../src/cli/args';
import { healthyCluster, set } from '../helpers/diagnosisFixtures';

const RANGE = { start: '2026-01-01T11:45:00Z', end: '2026-01-01T12:00:00Z', duration: '15m', stepSeconds: 15 };

function judged(metrics: MetricSummary[]): AnalyzerResult {
  const findings = evaluateFindings(metrics, DEFAULT_THRESHOLDS, { window: '15m' });
  return withDiagnosis({ tool: 'diagnosis_tool', title: 'etcd bottleneck analysis', summary: 'Cluster over 15m.', status: 'ok', range: RANGE, metrics, findings, errors: [] });
}

/** A one-topic analyzer's result: findings and rows, no diagnosis of its own. */
function topic(metrics: MetricSummary[]): AnalyzerResult {
  const findings = evaluateFindings(metrics, DEFAULT_THRESHOLDS, { window: '15m' });
  return { tool: 'topic_tool', title: 'WAL fsync', summary: 'WAL fsync p99 over 15m.', status: 'ok', range: RANGE, metrics, findings, errors: [] };
}

const slowDiskOnM2 = () => set(healthyCluster(), 'wal_fsync_duration', 'm2', { p50: 0.08, p99: 0.2, max: 0.3 });
const summary = (r: AnalyzerResult) => renderResult(r, 'summary', DEFAULT_THRESHOLDS);

describe('run summary (the default)', () => {
  test('line 1 is the diagnosis: cause, member, evidence; then what to do, findings, key metrics', () => {
    const r = judged(slowDiskOnM2());
    const text = summary(r);
    const lines = text.split('\n');
    assert.equal(lines[0], diagnosisLine(r.diagnosis!));
    assert.match(lines[0], /^(Critical|Warning) — Slow disk on m2: WAL fsync latency p99 200 ms/);
    assert.match(lines[1], /→ Give etcd a dedicated SSD/, 'what to do, right under the cause');
    const findings = text.indexOf('\nFINDINGS (');
    const keys = text.indexOf('\nKEY METRICS');
    assert.ok(findings > 0 && keys > findings, 'findings before key metrics');
    assert.match(text, /\n  WAL fsync p99 +200 ms +m2 +10 ms +1 s +WARN\n/);
    assert.match(text, /\n  Backend commit p99 +12 ms|\n  Backend commit p99 +9 ms/);
    assert.match(text, /--format table/);
  });

  test('the full per-member table is left to --format table, which still leads with the diagnosis', () => {
    const r = judged(slowDiskOnM2());
    const s = summary(r);
    const t = renderResult(r, 'table', DEFAULT_THRESHOLDS);
    assert.doesNotMatch(s, /METRIC\s+MEMBER\s+VALUES/);
    assert.match(t, /METRIC\s+MEMBER\s+VALUES/);
    assert.match(t.split('\n')[0], /^DIAGNOSIS: (Critical|Warning) — Slow disk on m2/);
    // One row per key metric instead of one per metric and member (and per peer pair).
    const rows = (text: string, what: RegExp) => text.split('\n').filter((l) => what.test(l)).length;
    assert.equal(rows(s, /^ {2}Peer round-trip p99 /), 1);
    assert.equal(rows(t, /^peer_rtt .*m\d→m\d/), 6);
    assert.ok(s.length < t.length / 2, `summary ${s.length} chars vs table ${t.length}`);
  });

  test('a healthy cluster says so on line 1 and grades every key metric ok', () => {
    const text = summary(judged(healthyCluster()));
    assert.match(text.split('\n')[0], /^Healthy over 15m: no cause found/);
    assert.match(text, /FINDINGS \(0\)\nNo findings: every evaluated metric is within its healthy target/);
    assert.doesNotMatch(text, /FAIL|WARN|NO DATA/);
  });

  test('empty data is "not judged" on line 1 and NO DATA in the key metrics, never healthy', () => {
    const nan = healthyCluster().map((m) => ({ ...m, stats: Object.fromEntries(Object.keys(m.stats).map((k) => [k, null])) }));
    const text = summary(judged(nan));
    assert.match(text.split('\n')[0], /^Cannot judge the cluster over 15m/);
    assert.match(text, /\nNot judged \(7\)\n- cannot judge member availability/);
    assert.match(text, /WAL fsync p99 +no data +.*NO DATA/);
    assert.doesNotMatch(text, /Healthy/);
  });

  test('a one-topic result without its own diagnosis still leads with cause, member and evidence', () => {
    const fsync = slowDiskOnM2().filter((m) => m.metric === 'wal_fsync_duration');
    assert.match(summary(topic(fsync)).split('\n')[0], /^(Critical|Warning) — Slow disk on m2: WAL fsync latency p99 200 ms/);
    const quiet = healthyCluster().filter((m) => m.metric === 'wal_fsync_duration');
    assert.match(summary(topic(quiet)).split('\n')[0], /^No finding — WAL fsync over 15m: WAL fsync p99 over 15m$/);
    const empty = quiet.map((m) => ({ ...m, stats: { p99: null } }));
    assert.match(summary(topic(empty)).split('\n')[0], /^Not judged — WAL fsync over 15m: no finite data/);
    const unavailable = { ...topic([]), status: 'unavailable' as const, summary: 'Needs the openshift profile (kubeconfig).' };
    assert.equal(summary(unavailable).split('\n')[0], 'Not available — WAL fsync: Needs the openshift profile (kubeconfig)');
  });

  test('failed queries are said as missing, not healthy', () => {
    const r = { ...judged(healthyCluster()), status: 'partial' as const, errors: [{ kind: 'timeout' as const, query: 'q', metric: 'peer_rtt', message: 'timed out after 30 s', hint: 'raise the timeout' }] };
    const text = summary(r);
    assert.match(text, /FAILED QUERIES \(1\)\n1\. TIMEOUT diagnosis_tool · peer_rtt: timed out after 30 s\n {3}What to do: raise the timeout\nWhat these queries would have shown is missing above, not healthy\./);
  });

  test('outside values cannot drive the terminal: escape sequences in member names, titles and messages are removed', () => {
    const evil = 'm2\u001b]0;pwned\u0007\u001b[2J';
    const rows = slowDiskOnM2().map((m) => (m.member === 'm2' ? { ...m, member: evil } : m));
    const r = judged(rows);
    r.errors.push({ kind: 'unreachable', query: 'q', message: 'bad \u001b[31mred', hint: '\u009b2J' });
    r.title = 'title \u001b[1m';
    const text = summary(r);
    assert.doesNotMatch(text, /[\u001b\u0007\u009b]/);
    assert.match(text, /m2 \]0;pwned/);
  });
});

describe('--format', () => {
  test('summary is a format of its own, and the usage error lists every format', () => {
    assert.equal(parseCliArgs(['run', 'x', '--format', 'summary']).format, 'summary');
    assert.equal(parseCliArgs(['run', 'x']).format, undefined, 'run picks summary itself; report picks markdown');
    assert.throws(() => parseCliArgs(['run', 'x', '--format', 'text']), /use summary, table, markdown or json/);
  });
});
