import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCallToolResult } from '../../src/mcp/toolResult';
import { diagnoseInstructions, FOLLOW_UP_BY_CATEGORY } from '../../src/mcp/diagnosePrompt';
import type { AnalyzerResult } from '../../src/core/types';

const base: AnalyzerResult = {
  tool: 'get_etcd_disk_wal_fsync',
  title: 'WAL fsync',
  summary: 'p99 4 ms on m1',
  status: 'ok',
  range: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z', duration: '1h', stepSeconds: 5 },
  metrics: [{ metric: 'wal_fsync_duration', title: 'WAL fsync', category: 'wal_fsync', scope: 'member', member: '**m1**|x', unit: 'seconds', stats: { p99: 0.004, p50: null } }],
  findings: [],
  errors: [],
  data: { undefinedField: undefined },
};

test('ok/partial/unavailable results are answers: markdown text + the JSON result as structuredContent', () => {
  for (const status of ['ok', 'partial', 'unavailable'] as const) {
    const r = toCallToolResult({ ...base, status });
    assert.equal(r.isError, undefined, status);
    assert.equal(r.content[0].type, 'text');
    const s = r.structuredContent as unknown as AnalyzerResult;
    assert.equal(s.tool, base.tool);
    assert.equal(s.status, status);
    assert.equal(s.metrics[0].stats.p99, 0.004);
    assert.equal(s.metrics[0].stats.p50, null); // no data stays null, never 0
    assert.ok(!('undefinedField' in (s.data ?? {})));
  }
  const text = (toCallToolResult(base).content[0] as { text: string }).text;
  assert.ok(!text.includes('**m1**|x'), 'label values are escaped in the markdown');
});

test('a failed result is isError, still carrying the errors and hints', () => {
  const r = toCallToolResult({
    ...base,
    status: 'failed',
    metrics: [],
    errors: [{ kind: 'unreachable', query: 'up', message: 'connect ECONNREFUSED 127.0.0.1:9', hint: 'check the Prometheus URL' }],
  });
  assert.equal(r.isError, true);
  assert.match((r.content[0] as { text: string }).text, /ECONNREFUSED/);
  assert.equal((r.structuredContent as unknown as AnalyzerResult).errors[0].kind, 'unreachable');
});

test('diagnose-etcd covers every finding category and passes the duration through', () => {
  const text = diagnoseInstructions('6h');
  for (const [cat, tools] of Object.entries(FOLLOW_UP_BY_CATEGORY)) {
    assert.ok(text.includes(`${cat}:`), cat);
    for (const t of tools) assert.ok(text.includes(t), t);
  }
  assert.match(text, /duration="6h"/);
  assert.ok(text.indexOf('get_server_health') < text.indexOf('get_etcd_bottleneck_analysis'));
  assert.ok(text.indexOf('get_etcd_bottleneck_analysis') < text.indexOf('generate_etcd_performance_report'));
});

test('every analyzer the prompt names exists in the registry', async () => {
  const { analyzerNames } = await import('../../src/core/analyzers/registry');
  const text = diagnoseInstructions('1h');
  const named = new Set(text.match(/\b(?:get|generate|compare)_[a-z_]+/g) ?? []);
  assert.ok(named.size >= 10);
  for (const n of named) assert.ok(analyzerNames.includes(n), `${n} is a registered analyzer`);
});

test('MCP text leads with the diagnosis: its first line names the cause, the member and the evidence', () => {
  const diagnosis: AnalyzerResult['diagnosis'] = {
    verdict: 'critical',
    headline: 'Slow disk on m2: WAL fsync latency p99 32 ms, 6× its peers; m1 and m3 fail to send to m2',
    incidents: [],
    unexplained: [],
    unjudged: [],
  };
  const text = (toCallToolResult({ ...base, tool: 'get_etcd_bottleneck_analysis', diagnosis }).content[0] as { text: string }).text;
  assert.equal(text.split('\n')[0], '**Critical — Slow disk on m2: WAL fsync latency p99 32 ms, 6× its peers; m1 and m3 fail to send to m2**');
});

test('a diagnosed result matches the declared output schema (no undeclared top-level field)', async () => {
  const { z } = await import('zod');
  const { analyzerResultOutputShape } = await import('../../src/mcp/toolResult');
  const diagnosed: AnalyzerResult = {
    ...base,
    metrics: [{ ...base.metrics[0], stats: { p99: null }, aboveTop: ['p99'] }],
    diagnosis: { verdict: 'unknown', headline: 'Cannot judge', incidents: [], unexplained: [], unjudged: [{ signal: 'peer round-trip time', reason: 'no series' }] },
  };
  const structured = toCallToolResult(diagnosed).structuredContent;
  assert.doesNotThrow(() => z.object(analyzerResultOutputShape).strict().parse(structured));
});
