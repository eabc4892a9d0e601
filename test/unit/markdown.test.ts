import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderResultMarkdown } from '../../src/core/report/markdown';
import { escapeMarkdown } from '../../src/core/util/markdownEscape';
import type { AnalyzerResult, Finding, MetricSummary } from '../../src/core/types';

const HOSTILE = '**m1**|<img src=x onerror=alert(1)>\n# [link](http://evil)';

function metric(member: string, p99: number | null, i = 0): MetricSummary {
  return {
    metric: 'wal_fsync_duration',
    title: 'WAL fsync',
    category: 'wal_fsync',
    scope: 'member',
    member,
    unit: 'seconds',
    stats: { p99, p50: p99 === null ? null : p99 / 4 },
    labels: i ? { idx: String(i) } : undefined,
  };
}

function finding(member: string, severity: Finding['severity'], n = 0): Finding {
  return {
    id: `wal_fsync_p99_high:${member}:${n}`,
    rule: 'wal_fsync_p99_high',
    category: 'disk',
    severity,
    member,
    title: `WAL fsync p99 high on ${member}`,
    evidence: [{ metric: 'wal_fsync_duration', member, statistic: 'p99', value: 0.034, unit: 'seconds', threshold: 0.01, window: '1h' }],
    rootCause: 'The disk under the WAL is slow.',
    recommendation: 'Move the data dir to a dedicated SSD.',
  };
}

function result(over: Partial<AnalyzerResult> = {}): AnalyzerResult {
  return {
    tool: 'get_etcd_disk_wal_fsync',
    title: 'WAL fsync latency',
    summary: 'p99 up to 34 ms on m2.',
    status: 'ok',
    range: { start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T01:00:00.000Z', duration: '1h', stepSeconds: 15 },
    metrics: [metric('m1', 0.002), metric('m2', 0.034), metric('m3', null)],
    findings: [finding('m2', 'warning')],
    errors: [],
    ...over,
  };
}

test('renders title, summary, the worst member per key metric against its target, severity marks, evidence and recommendation', () => {
  const md = renderResultMarkdown(result());
  // Line 1 names the cause, member and evidence for a one-topic analyzer too (the diagnosis phrasing over its findings).
  assert.match(md, /^\*\*Warning — Slow disk on m2: WAL fsync latency p99 34 ms\*\*\n\n### WAL fsync latency/);
  assert.match(md, /p99 up to 34 ms on m2\./);
  // The lean answer: one row per key metric (the worst member against the target), not every member.
  assert.match(md, /\| WAL fsync p99 \| 34 ms \| m2 \| 10 ms \| \*\*warn\*\* \|/);
  assert.equal(md.split('\n').filter((l) => l.startsWith('| WAL')).length, 1);
  assert.match(md, /No data \(not judged\): WAL fsync p99 on m3\./);
  assert.match(md, /🟠 \*\*warning\*\* · disk · \*\*m2\*\*/);
  assert.match(md, /wal\\_fsync\\_duration: 34 ms \(threshold 10 ms\) \\\[p99, m2, 1h\\\]/);
  assert.match(md, /Do: Move the data dir to a dedicated SSD\./);
  assert.match(md, /full per-member table.*in the report/);
  assert.doesNotMatch(md, /Failed queries/);
});

test('orders findings critical first and marks each severity', () => {
  const md = renderResultMarkdown(result({ findings: [finding('m1', 'info'), finding('m3', 'critical'), finding('m2', 'warning')] }));
  const [c, w, i] = ['🔴', '🟠', '🔵'].map((m) => md.indexOf(m));
  assert.ok(c > 0 && c < w && w < i, md);
});

test('lists failed queries with kind, message and hint; shows a non-ok status', () => {
  const md = renderResultMarkdown(
    result({
      status: 'partial',
      errors: [{ kind: 'timeout', query: 'up', metric: 'peer_rtt', message: 'query timed out after 30 s', hint: 'raise --timeout' }],
    }),
  );
  assert.match(md, /status \*\*partial\*\*/);
  assert.match(md, /#### Failed queries \(1\)\n\n1\. \*\*timeout\*\* get\\_etcd\\_disk\\_wal\\_fsync · peer\\_rtt: query timed out after 30 s {2}\n {3}What to do: raise --timeout/);
});

test('escapes hostile member names everywhere they appear', () => {
  const md = renderResultMarkdown(
    result({ metrics: [metric(HOSTILE, 0.5)], findings: [finding(HOSTILE, 'critical')], summary: `bad ${HOSTILE}` }),
  );
  assert.doesNotMatch(md, /(?<!\\)<img/);
  assert.doesNotMatch(md, /\*\*m1\*\*\|/);
  assert.doesNotMatch(md, /(?<!\\)\]\(http/);
  assert.ok(md.includes('\\*\\*m1\\*\\*\\|\\<img src=x onerror=alert(1)\\> # \\[link\\](http://evil)'), md);
  // every table row still has exactly 6 unescaped pipes (5 columns)
  const rows = md.split('\n').filter((l) => l.startsWith('| WAL'));
  assert.equal(rows.length, 1);
  for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length - 1, 6, row);
});

test('escapeMarkdown neutralises line-start markers, control characters and keeps plain text readable', () => {
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('1. one'), '1\\. one');
  assert.equal(escapeMarkdown('# title'), '\\# title');
  assert.equal(escapeMarkdown('![x](y)'), '!\\[x\\](y)');
  assert.equal(escapeMarkdown('a\nb\r\tc'), 'a b c');
  assert.equal(escapeMarkdown('etcd-0.node 3.5 ms'), 'etcd-0.node 3.5 ms');
  assert.equal(escapeMarkdown(undefined), '');
});

test('stays short on a large result: a bounded number of findings and failed queries, the rest counted', () => {
  const metrics = Array.from({ length: 400 }, (_, i) => metric(`member-${i}`, 0.001 * i, i));
  const findings = Array.from({ length: 60 }, (_, i) => finding(`member-${i}`, i % 2 ? 'warning' : 'critical', i));
  const errors = Array.from({ length: 50 }, (_, i) => ({ kind: 'timeout' as const, query: 'q', message: `timeout ${i}`, hint: 'retry' }));
  const md = renderResultMarkdown(result({ metrics, findings, errors }));
  assert.ok(md.length <= 3000, `${md.length} characters`);
  assert.match(md, /55 more finding\(s\) \(the least severe\) are in the report/);
  assert.match(md, /#### Failed queries \(50\)/);
  assert.match(md, /45 more failed queries in the report/);
  assert.match(md, /🔴/);
  assert.doesNotMatch(md, /🟠/, 'criticals first: the five shown are the critical ones');
  // A tiny bound still holds (cut with an ellipsis).
  assert.ok(renderResultMarkdown(result({ metrics, findings, errors }), { maxChars: 500 }).length <= 500);
});

test('the key-metrics row names the worst member, not every member', () => {
  const metrics = Array.from({ length: 300 }, (_, i) => metric(`member-${i}`, 0.001 * i, i));
  const md = renderResultMarkdown(result({ metrics, findings: [finding('member-299', 'warning')] }));
  assert.match(md, /\| WAL fsync p99 \| 299 ms \| member-299 \|/);
  assert.doesNotMatch(md, /member-5 \|/);
});

test('says so when there are no findings', () => {
  assert.match(renderResultMarkdown(result({ findings: [] })), /No findings/);
});
