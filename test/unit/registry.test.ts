// The analyzer registry and runAnalyzer: names, schemas, input validation, never-throw behaviour, history recording.
// Analyzers run against a fake collector (fixtures built here): no network.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { analyzers, analyzerNames, getAnalyzer } from '../../src/core/analyzers/registry';
import { runAnalyzer } from '../../src/core/analyzers/runAnalyzer';
import { createContext } from '../../src/core/context';
import type { AnalyzerContext } from '../../src/core/analyzers/types';
import type { CollectRequest, CollectResult } from '../../src/core/collect/types';
import type { AnalyzerResult, MetricSummary } from '../../src/core/types';
import type { HistoryPort } from '../../src/core/history/port';
import { makeRow } from '../helpers/builders';
import { getMetric } from '../../src/core/metrics/catalog';
import { SourceError } from '../../src/core/source/types';
import { EXPECTED_TOOLS as EXPECTED } from '../helpers/toolNames';

const NOW = new Date('2026-01-01T12:00:00Z');

/** A context whose collector answers from fixtures; nothing is ever sent over the network (port 9 is never contacted). */
function fakeContext(rows: MetricSummary[], over: Partial<AnalyzerContext> = {}): AnalyzerContext & { warnings: string[]; requests: CollectRequest[] } {
  const warnings: string[] = [];
  const requests: CollectRequest[] = [];
  const base = createContext({
    profile: { profile: 'generic', prometheusUrl: 'http://127.0.0.1:9', etcdSelector: 'job="etcd"', nodeSelector: 'job="node"' },
    now: () => NOW,
  });
  const collector = {
    async collect(req: CollectRequest): Promise<CollectResult> {
      requests.push(req);
      const want = new Set(req.metrics);
      return { metrics: rows.filter((r) => want.has(r.metric)), series: [], errors: [], queries: req.metrics.map((m) => `q_${m}`) };
    },
  };
  // Direct queries (get_server_health) get a typed "unreachable" at once.
  const source = {
    description: 'Prometheus fake',
    instant: async () => {
      throw new SourceError('unreachable', 'cannot connect to fake', 'up', 'start it');
    },
    range: async () => [],
  };
  const log = { ...base.log, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  return Object.assign({ ...base, source, collector, log, ...over }, { warnings, requests });
}

function row(metric: string, member: string, stats: MetricSummary['stats']): MetricSummary {
  assert.ok(getMetric(metric), metric);
  return makeRow(metric, member, stats);
}

describe('registry', () => {
  test('15 analyzers with the architecture names, unique, valid tool names', () => {
    assert.equal(analyzers.length, 15);
    assert.deepEqual([...analyzerNames].sort(), [...EXPECTED].sort());
    assert.equal(new Set(analyzerNames).size, 15);
    for (const a of analyzers) {
      assert.match(a.name, /^[a-z0-9_]{1,64}$/);
      assert.ok(a.title.length > 3, a.name);
      assert.ok(a.description.length > 80, `${a.name} description is written for a model`);
      assert.equal(getAnalyzer(a.name), a);
    }
    assert.equal(getAnalyzer('nope'), undefined);
  });
  test('every input schema converts to a JSON schema of type object with duration/member/start/end', () => {
    for (const a of analyzers) {
      const js = z.toJSONSchema(a.inputSchema) as { type?: string; properties?: Record<string, unknown> };
      assert.equal(js.type, 'object', a.name);
      for (const k of ['duration', 'member']) assert.ok(js.properties?.[k], `${a.name} has ${k}`);
    }
  });
});

describe('runAnalyzer input handling', () => {
  test('unknown tool → failed result listing the valid names; never throws', async () => {
    const r = await runAnalyzer(fakeContext([]), 'get_everything', {});
    assert.equal(r.status, 'failed');
    assert.equal(r.errors[0].kind, 'bad_input');
    assert.match(r.errors[0].message, /unknown tool "get_everything"/);
    for (const n of EXPECTED) assert.ok(r.errors[0].hint.includes(n), n);
  });
  test('bad durations are rejected with a message naming the field, the value and the expected form', async () => {
    for (const d of ['3s', '8d', 'abc', '1x']) {
      const r = await runAnalyzer(fakeContext([]), 'get_etcd_disk_wal_fsync', { duration: d });
      assert.equal(r.status, 'failed', d);
      assert.equal(r.errors[0].kind, 'bad_input');
      assert.match(r.errors[0].message, new RegExp(`duration "${d}": must be a duration between 5m and 7d`));
      assert.match(r.summary, /5m and 7d/);
    }
  });
  test('wrong types and non-object input are bad_input too', async () => {
    const a = await runAnalyzer(fakeContext([]), 'get_etcd_general_info', { duration: 60 });
    assert.match(a.errors[0].message, /duration 60:/);
    const b = await runAnalyzer(fakeContext([]), 'get_etcd_general_info', 'one hour');
    assert.match(b.errors[0].message, /must be a JSON object/);
    const c = await runAnalyzer(fakeContext([]), 'get_etcd_general_info', { start: 'yesterday' });
    assert.match(c.errors[0].message, /start "yesterday"/);
  });
  test('a start after the end is bad_input from the range resolver', async () => {
    const r = await runAnalyzer(fakeContext([]), 'get_etcd_general_info', { start: '2026-01-01T11:00:00Z', end: '2026-01-01T10:00:00Z' });
    assert.equal(r.status, 'failed');
    assert.equal(r.errors[0].kind, 'bad_input');
    assert.match(r.errors[0].message, /must be before end/);
  });
  test('history trends may span more than the live 7d window (its own span check applies)', async () => {
    const live = await runAnalyzer(fakeContext([]), 'get_etcd_general_info', { start: '2026-01-01T00:00:00Z', end: '2026-01-30T00:00:00Z' });
    assert.equal(live.status, 'failed');
    const r = await runAnalyzer(fakeContext([]), 'get_etcd_history_trends', { start: '2026-01-01T00:00:00Z', end: '2026-01-30T00:00:00Z' });
    assert.notEqual(r.status, 'failed', r.summary);
    assert.equal(r.range.duration, '29d');
  });
  test('null or missing input means defaults (1h)', async () => {
    const r = await runAnalyzer(fakeContext([row('wal_fsync_duration', 'm1', { p50: 0.001, p90: 0.002, p99: 0.003, max: 0.004 })]), 'get_etcd_disk_wal_fsync', null);
    assert.equal(r.status, 'ok');
    assert.equal(r.range.duration, '1h');
    assert.equal(r.range.end, NOW.toISOString());
  });
});

describe('runAnalyzer results', () => {
  const fsync = [
    row('wal_fsync_duration', 'm1', { p50: 0.001, p90: 0.0015, p99: 0.0021, max: 0.003 }),
    row('wal_fsync_duration', 'm2', { p50: 0.001, p90: 0.0015, p99: 0.0024, max: 0.003 }),
    row('wal_fsync_duration', 'm3', { p50: 0.004, p90: 0.02, p99: 0.031, max: 0.05 }),
  ];
  test('WAL fsync summary carries the per-member numbers and the verdict; findings name m3', async () => {
    const r = await runAnalyzer(fakeContext(fsync), 'get_etcd_disk_wal_fsync', { duration: '1h' });
    assert.equal(r.status, 'ok');
    assert.match(r.summary, /WAL fsync p99 over 1h: m1 2\.1 ms, m2 2\.4 ms, m3 31 ms \(target < 10 ms\) — m3 above target/);
    assert.deepEqual(r.findings.map((f) => f.id).sort(), ['outlier_wal_fsync_duration:m3', 'wal_fsync_p99_high:m3']);
    assert.equal(r.metrics.length, 3);
  });
  test('an exception inside an analyzer becomes a failed result, not a throw', async () => {
    const ctx = fakeContext([]);
    ctx.collector = { collect: async () => ({ metrics: null }) as unknown as CollectResult };
    const r = await runAnalyzer(ctx, 'get_etcd_disk_backend_commit', {});
    assert.equal(r.status, 'failed');
    assert.equal(r.errors.length, 1);
    assert.ok(ctx.warnings.some((w) => w.includes('get_etcd_disk_backend_commit failed')));
  });
  test('a collector rejection becomes an error entry; no data at all names the etcd selector', async () => {
    const ctx = fakeContext([]);
    const empty = await runAnalyzer(ctx, 'get_etcd_general_info', {});
    assert.equal(empty.status, 'failed');
    assert.equal(empty.errors[0].kind, 'no_targets');
    assert.match(empty.errors[0].message, /job="etcd"/);
  });
  test('ocp cluster info without a cluster API is unavailable, with no invented data', async () => {
    const r = await runAnalyzer(fakeContext([]), 'get_ocp_cluster_info', {});
    assert.equal(r.status, 'unavailable');
    assert.match(r.summary, /not available with the generic profile: needs the openshift profile \(kubeconfig\)/);
    assert.deepEqual([r.metrics, r.findings, r.errors], [[], [], []]);
  });
  test('records to history when present; a history failure is logged and never fails the run; record:false skips', async () => {
    const recorded: AnalyzerResult[] = [];
    const history: HistoryPort = {
      async record(result) {
        recorded.push(result);
        return 1;
      },
      trend: async () => ({}),
      runs: async () => [],
      close: async () => {},
    };
    await runAnalyzer(fakeContext(fsync, { history }), 'get_etcd_disk_wal_fsync', {});
    assert.equal(recorded.length, 1);
    await runAnalyzer(fakeContext(fsync, { history }), 'get_etcd_disk_wal_fsync', {}, { record: false });
    assert.equal(recorded.length, 1);
    const broken = fakeContext(fsync, { history: { ...history, record: async () => { throw new Error('disk full'); } } });
    const r = await runAnalyzer(broken, 'get_etcd_disk_wal_fsync', {});
    assert.equal(r.status, 'ok');
    assert.ok(broken.warnings.some((w) => /history: disk full/.test(w)));
  });
  test('the report runs every section over one range and combines them', async () => {
    const ctx = fakeContext([...fsync, row('member_up', 'm1', { latest: 1 }), row('member_up', 'm2', { latest: 1 }), row('member_up', 'm3', { latest: 0 })]);
    const r = await runAnalyzer(ctx, 'generate_etcd_performance_report', { duration: '30m' });
    const sections = r.data?.sections as { tool: string }[];
    assert.ok(sections.length >= 11);
    assert.ok(r.findings.some((f) => f.id === 'member_down:m3'));
    assert.ok(r.findings.some((f) => f.id === 'wal_fsync_p99_high:m3'));
    assert.equal(new Set(r.findings.map((f) => f.id)).size, r.findings.length);
    assert.equal(new Set(ctx.requests.map((q) => `${q.range.start}/${q.range.end}`)).size, 1, 'one range for all sections');
    assert.match(r.summary, /cluster degraded/);
  });
});
