// The collector over an in-process TEST DOUBLE of MetricSource (no Prometheus): mapping samples to rows (members,
// nodes, pairs, key labels), NaN → null, batching and its split on failure, member filter, series with gaps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCollector } from '../../src/core/collect/collector';
import { windowFacts } from '../../src/core/collect/windowFacts';
import { buildQueryParams } from '../../src/core/collect/params';
import { buildStatsQuery } from '../../src/core/collect/statsQuery';
import { estimatedCost, planBatches } from '../../src/core/collect/batch';
import { memberFilterFor } from '../../src/core/collect/memberFilter';
import { getMetric } from '../../src/core/metrics/catalog';
import type { EtcdGeneration } from '../../src/core/metrics/types';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { SourceError, type InstantSample, type MetricSource, type RangeSeries } from '../../src/core/source/types';
import type { Statistic, TimeRange } from '../../src/core/types';
import { silentLogger } from '../../src/core/util/log';
import { minimalProfileKeepRegex } from '../helpers/openshiftFixtures';

const profile = createProfile({ ...defaultProfileConfig('http://prom.test'), etcdSelector: 'job="etcd"', nodeSelector: 'job="node"' });
const range: TimeRange = { start: '2024-05-01T10:00:00.000Z', end: '2024-05-01T11:00:00.000Z', duration: '1h', stepSeconds: 5 };
const END = Date.parse(range.end);

const IDS = { m1: '2b7701c29b29d5ce', m2: '99af5d505428a56a', m3: '6b57ad0f4aeb03e1' } as const;
const etcdLabels = (m: 'm1' | 'm2' | 'm3') => ({ job: 'etcd', member: m, instance: `127.0.0.1:${{ m1: 2381, m2: 22381, m3: 32381 }[m]}` });
const NODE = { job: 'node', instance: '127.0.0.1:9100' };

function discoverySamples(version = '3.4.23', members: Record<string, string>[] = [etcdLabels('m1'), etcdLabels('m2'), etcdLabels('m3')]): InstantSample[] {
  return [
    ...members.map((l) => ({ labels: { __name__: 'etcd_server_version', ...l, server_version: version }, value: 1, time: END })),
    ...members.map((l) => ({ labels: { __name__: 'etcd_server_id', ...l, server_id: IDS[l.member as 'm1'] ?? 'ffff' }, value: 1, time: END })),
    { labels: { __name__: 'up', ...NODE }, value: 1, time: END },
  ];
}

type Row = { labels: Record<string, string>; stat: Statistic; value: number | null };

/**
 * TEST DOUBLE of MetricSource. Knows each metric's exact per-metric stats query (built like the collector does) and
 * answers batched queries by the `analyzer_metric` markers in them. `fail[id]` makes any request containing that
 * metric throw. Records every request.
 */
function fakeSource(opts: {
  data?: Record<string, Row[]>;
  series?: Record<string, RangeSeries[]>;
  fail?: Record<string, SourceError>;
  discovery?: InstantSample[] | SourceError;
  generation?: EtcdGeneration;
  memberFilter?: string;
}) {
  const p = buildQueryParams(range, profile, opts.generation ?? '3.4', opts.memberFilter ?? '');
  const byQuery = new Map<string, string>();
  for (const id of [...Object.keys(opts.data ?? {}), ...Object.keys(opts.fail ?? {}), ...Object.keys(opts.series ?? {})]) {
    const def = getMetric(id);
    if (def) {
      byQuery.set(buildStatsQuery(def, p).query, id);
      byQuery.set(def.expr(p), id);
    }
  }
  const calls: { kind: 'instant' | 'range'; query: string }[] = [];
  const idsIn = (query: string): { ids: string[]; batched: boolean } => {
    const marked = [...query.matchAll(/"analyzer_metric", "([a-z0-9_]+)", "", ""\)/g)].map((m) => m[1]);
    if (marked.length) return { ids: marked, batched: true };
    const id = byQuery.get(query);
    return { ids: id ? [id] : [], batched: false };
  };
  const check = (ids: string[]) => {
    for (const id of ids) if (opts.fail?.[id]) throw opts.fail[id];
  };
  const source: MetricSource = {
    description: 'test double',
    async instant(query, time, qopts) {
      calls.push({ kind: 'instant', query });
      if (qopts?.signal?.aborted) throw new SourceError('cancelled', 'cancelled', query, 'retry');
      if (query.includes('etcd_server_id')) {
        if (opts.discovery instanceof SourceError) throw opts.discovery;
        return opts.discovery ?? discoverySamples();
      }
      assert.equal(time?.getTime(), END, 'instant queries are evaluated at the window end');
      const { ids, batched } = idsIn(query);
      check(ids);
      return ids.flatMap((id) =>
        (opts.data?.[id] ?? []).map((r) => ({
          labels: { ...r.labels, analyzer_stat: r.stat, ...(batched ? { analyzer_metric: id } : {}) },
          value: r.value,
          time: END,
        })),
      );
    },
    async range(query, start, end, step) {
      calls.push({ kind: 'range', query });
      assert.deepEqual([start.toISOString(), end.toISOString(), step], [range.start, range.end, 5]);
      const { ids, batched } = idsIn(query);
      check(ids);
      return ids.flatMap((id) => (opts.series?.[id] ?? []).map((s) => ({ ...s, labels: { ...s.labels, ...(batched ? { analyzer_metric: id } : {}) } })));
    },
  };
  return { source, calls };
}

const rows = (labels: Record<string, string>, stats: Partial<Record<Statistic, number | null>>): Row[] =>
  Object.entries(stats).map(([stat, value]) => ({ labels, stat: stat as Statistic, value: value ?? null }));

test('maps samples to member rows with node, unit and all statistics; NaN and missing stay null', async () => {
  const { source } = fakeSource({
    data: {
      wal_fsync_duration: [
        ...rows(etcdLabels('m1'), { p50: 0.001, p90: 0.002, p99: 0.004, max: 0.009 }),
        ...rows(etcdLabels('m2'), { p50: 0.001, p90: 0.003, p99: null, max: 0.02 }), // NaN arrives as null from the source
        ...rows(etcdLabels('m3'), { p50: 0.002 }), // the other stats had no series at all
      ],
    },
  });
  const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['wal_fsync_duration'], range });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.metrics.map((m) => [m.member, m.node, m.stats]),
    [
      ['m1', '127.0.0.1', { p50: 0.001, p90: 0.002, p99: 0.004, max: 0.009 }],
      ['m2', '127.0.0.1', { p50: 0.001, p90: 0.003, p99: null, max: 0.02 }],
      ['m3', '127.0.0.1', { p50: 0.002, p90: null, p99: null, max: null }],
    ],
  );
  const m1 = r.metrics[0];
  assert.deepEqual([m1.metric, m1.title, m1.category, m1.scope, m1.unit], ['wal_fsync_duration', 'WAL fsync latency', 'wal_fsync', 'member', 'seconds']);
  assert.equal(m1.labels, undefined);
  assert.ok(r.queries.some((q) => q.includes('etcd_disk_wal_fsync_duration_seconds_bucket')));
});

test('peer metrics become member→peer pairs named through etcd_server_id; From reads in traffic direction', async () => {
  const { source } = fakeSource({
    data: {
      peer_rtt: [...rows({ ...etcdLabels('m1'), To: IDS.m2 }, { p99: 0.003 }), ...rows({ ...etcdLabels('m1'), To: 'deadbeef' }, { p99: 0.5 })],
      peer_received_bytes_rate: rows({ ...etcdLabels('m1'), From: IDS.m3 }, { avg: 100, max: 200 }),
    },
  });
  const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['peer_rtt', 'peer_received_bytes_rate'], range });
  const rtt = r.metrics.filter((m) => m.metric === 'peer_rtt');
  assert.deepEqual(
    rtt.map((m) => [m.member, m.scope, m.labels, m.stats.p99]),
    [
      ['m1→deadbeef', 'pair', { To: 'deadbeef', peer: 'deadbeef' }, 0.5], // unknown id: shown raw, not dropped
      ['m1→m2', 'pair', { To: IDS.m2, peer: 'm2' }, 0.003],
    ],
  );
  const rx = r.metrics.find((m) => m.metric === 'peer_received_bytes_rate')!;
  assert.equal(rx.member, 'm3→m1');
  assert.equal(rx.node, '127.0.0.1');
});

test('node metrics are keyed by node and device', async () => {
  const { source } = fakeSource({
    data: {
      disk_write_iops: [...rows({ ...NODE, device: 'vda' }, { avg: 2, max: 110 }), ...rows({ ...NODE, device: 'vdb' }, { avg: 0, max: 0 })],
      node_iowait_percent: rows(NODE, { avg: 0.5, max: 3 }),
    },
  });
  const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['disk_write_iops', 'node_iowait_percent'], range });
  assert.deepEqual(
    r.metrics.map((m) => [m.metric, m.member, m.node, m.scope, m.labels ?? null, m.stats.max]),
    [
      ['disk_write_iops', '127.0.0.1', '127.0.0.1', 'node', { device: 'vda' }, 110],
      ['disk_write_iops', '127.0.0.1', '127.0.0.1', 'node', { device: 'vdb' }, 0],
      ['node_iowait_percent', '127.0.0.1', '127.0.0.1', 'node', null, 3],
    ],
  );
});

test('a full request is packed into few batched requests; a bad query costs only its own metric', async () => {
  const ids = ['process_cpu_percent', 'db_size_bytes', 'has_leader', 'leader_changes', 'wal_fsync_rate', 'peer_rtt', 'grpc_failure_ratio', 'keys_total', 'member_up', 'disk_write_iops'];
  const data = Object.fromEntries(ids.map((id) => [id, rows(id === 'disk_write_iops' ? { ...NODE, device: 'vda' } : etcdLabels('m1'), Object.fromEntries(getMetric(id)!.stats.map((s) => [s, 1])))]));
  const bad = new SourceError('bad_query', 'parse error at char 12', 'x', 'fix the query');
  const { source, calls } = fakeSource({ data, fail: { has_leader: bad } });
  const r = await createCollector(source, profile, silentLogger, { maxBatches: 4 }).collect({ metrics: ids, range });
  // 10 metrics dealt into 4 batches; the batch holding has_leader fails and each of its metrics is retried alone:
  // 1 discovery + 1 window-facts query (sent alongside) + 4 batches + the failed batch's metrics.
  const batches = calls.slice(2, 6); // after discovery and window facts (a batch of one is sent unmarked)
  const failed = [...batches.find((c) => c.query.includes('"analyzer_metric", "has_leader"'))!.query.matchAll(/"analyzer_metric", "/g)].length;
  assert.ok(failed >= 2, 'has_leader travelled with other metrics');
  assert.equal(calls.length, 1 + 1 + 4 + failed);
  assert.deepEqual(r.errors.map((e) => [e.metric, e.kind, e.message]), [['has_leader', 'bad_query', 'parse error at char 12']]);
  assert.ok(!r.errors[0].query.includes('analyzer_metric'), 'the error names the metric’s own query, not the batch');
  assert.ok(r.errors[0].query.includes('etcd_server_has_leader'));
  assert.deepEqual([...new Set(r.metrics.map((m) => m.metric))].sort(), ids.filter((i) => i !== 'has_leader').sort());
  for (const m of r.metrics) assert.ok(Object.values(m.stats).every((v) => v === 1), `${m.metric} stats`);
  assert.equal(r.queries.length, 2 + ids.length, 'the appendix lists discovery, window facts and one query per metric');
});

test('unreachable source: one error per metric, no per-metric retries', async () => {
  const down = new SourceError('unreachable', 'cannot connect to http://prom.test (ECONNREFUSED)', 'x', 'is Prometheus running?');
  const ids = ['process_cpu_percent', 'db_size_bytes', 'wal_fsync_rate'];
  const { source, calls } = fakeSource({ discovery: down, fail: Object.fromEntries(ids.map((i) => [i, down])) });
  const r = await createCollector(source, profile, silentLogger, { maxBatches: 1 }).collect({ metrics: ids, range });
  assert.equal(calls.length, 3, 'discovery + window facts + one batch, nothing split');
  assert.deepEqual(r.metrics, []);
  assert.deepEqual(r.errors.map((e) => [e.metric ?? 'discovery', e.kind]), [['discovery', 'unreachable'], ...ids.map((i) => [i, 'unreachable'])]);
});

test('unknown metric ids and unknown members are bad_input errors naming what to use', async () => {
  const { source, calls } = fakeSource({ data: { db_size_bytes: rows(etcdLabels('m1'), { latest: 1 }) } });
  const c = createCollector(source, profile, silentLogger);
  const r1 = await c.collect({ metrics: ['db_size_bytes', 'nope'], range });
  assert.deepEqual(r1.errors.map((e) => [e.kind, e.metric]), [['bad_input', 'nope']]);
  assert.equal(r1.metrics.length, 1);
  const before = calls.length;
  const r2 = await c.collect({ metrics: ['db_size_bytes'], range, member: 'm9' });
  assert.equal(r2.errors[0].kind, 'bad_input');
  assert.match(r2.errors[0].message, /m9/);
  assert.match(r2.errors[0].hint, /m1, m2, m3/);
  assert.equal(calls.length, before, 'no query for an unknown member (discovery is cached)');
});

test('member filter: an escaped matcher on every etcd query; node rows narrowed to the member’s node', async () => {
  const weird = 'we"ird\\m';
  const members = [{ job: 'etcd', member: weird, instance: '10.0.0.1:2381' }, etcdLabels('m2')];
  const memberFilter = memberFilterFor(weird, profile, members[0]);
  assert.equal(memberFilter, ',member="we\\"ird\\\\m"');
  const { source, calls } = fakeSource({
    discovery: [...discoverySamples('3.4.23', members), { labels: { __name__: 'up', job: 'node', instance: '10.0.0.1:9100' }, value: 1, time: END }],
    memberFilter,
    data: {
      process_cpu_percent: rows({ job: 'etcd', member: weird, instance: '10.0.0.1:2381' }, { avg: 5, max: 9 }),
      node_iowait_percent: [...rows({ job: 'node', instance: '10.0.0.1:9100' }, { avg: 1, max: 2 }), ...rows(NODE, { avg: 7, max: 8 })],
    },
  });
  const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['process_cpu_percent', 'node_iowait_percent'], range, member: weird });
  assert.deepEqual(r.errors, []);
  const cpuQuery = calls.find((c) => c.query.includes('process_cpu_seconds_total'))!.query;
  assert.ok(cpuQuery.includes('member="we\\"ird\\\\m"'), cpuQuery);
  assert.deepEqual(
    r.metrics.map((m) => [m.metric, m.member, m.node]),
    [
      ['process_cpu_percent', weird, '10.0.0.1'],
      ['node_iowait_percent', '10.0.0.1', '10.0.0.1'],
    ],
  );
});

test('the etcd generation from discovery picks the metric names (3.5+ → etcd_mvcc_db_total_size_in_bytes first)', async () => {
  for (const [version, generation, first, other] of [
    ['3.4.23', '3.4', 'etcd_debugging_mvcc_db_total_size_in_bytes', 'etcd_mvcc_db_total_size_in_bytes'],
    ['3.5.12', '3.5+', 'etcd_mvcc_db_total_size_in_bytes', 'etcd_debugging_mvcc_db_total_size_in_bytes'],
  ] as const) {
    const { source, calls } = fakeSource({ discovery: discoverySamples(version), generation, data: { db_size_bytes: rows(etcdLabels('m1'), { latest: 2e6 }) } });
    const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['db_size_bytes'], range });
    assert.equal(r.metrics.find((m) => m.metric === 'db_size_bytes')?.stats.latest, 2e6, version);
    const q = calls.find((c) => c.query.includes('db_total_size_in_bytes'))!.query;
    assert.ok(q.search(new RegExp(`(^|[^_])${first}\\{`)) < q.search(new RegExp(`(^|[^_])${other}\\{`)), `${version}: ${first} first`);
  }
});

test('series: range queries of the rolling expression, holes become null, NaN stays null', async () => {
  const t = (i: number) => END - 3600_000 + i * 5000;
  const { source, calls } = fakeSource({
    data: { wal_fsync_duration: rows(etcdLabels('m1'), { p99: 0.004 }) },
    series: { wal_fsync_duration: [{ labels: etcdLabels('m1'), points: [[t(0), 0.001], [t(1), null], [t(2), 0.002], [t(6), 0.003]] }] },
  });
  const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['wal_fsync_duration'], range, withSeries: true });
  assert.deepEqual(r.errors, []);
  assert.equal(calls.filter((c) => c.kind === 'range').length, 1);
  assert.deepEqual(r.series, [
    { metric: 'wal_fsync_duration', member: 'm1', unit: 'seconds', points: [[t(0), 0.001], [t(1), null], [t(2), 0.002], [t(3), null], [t(6), 0.003]] },
  ]);
});

test('results are reused within one collector; a cancelled request sends nothing', async () => {
  const { source, calls } = fakeSource({ data: { db_size_bytes: rows(etcdLabels('m1'), { latest: 5 }), keys_total: rows(etcdLabels('m1'), { latest: 3 }) } });
  const c = createCollector(source, profile, silentLogger);
  await c.collect({ metrics: ['db_size_bytes', 'keys_total'], range });
  const n = calls.length;
  const again = await c.collect({ metrics: ['keys_total'], range });
  assert.equal(calls.length, n, 'keys_total answered from the first collection');
  assert.equal(again.metrics[0].stats.latest, 3);
  const ac = new AbortController();
  ac.abort();
  const fresh = fakeSource({});
  const r = await createCollector(fresh.source, profile, silentLogger).collect({ metrics: ['db_size_bytes'], range, signal: ac.signal });
  assert.equal(fresh.calls.length, 0);
  assert.deepEqual(r.errors.map((e) => e.kind), ['cancelled']);
});

test('window facts: a window longer than the data is shortened to the data; gRPC queries read the methods in use only', async () => {
  const sent: string[] = [];
  const source: MetricSource = {
    description: 'test double',
    async instant(query: string) {
      sent.push(query);
      if (query.includes('etcd_server_id')) return discoverySamples();
      if (query.includes('analyzer_span')) {
        // 120 scrapes in the window, 60 in the last 300 s: a 5 s interval, so 600 s of data in a 1 h window.
        return [
          { labels: { analyzer_span: 'window' }, value: 120, time: END },
          { labels: { analyzer_span: 'recent' }, value: 60, time: END },
          { labels: { analyzer_span: 'grpc', grpc_method: 'Range' }, value: 1, time: END },
          { labels: { analyzer_span: 'grpc', grpc_method: 'Put' }, value: 1, time: END },
        ];
      }
      return [];
    },
    async range() {
      return [];
    },
    close() {},
    stats: () => ({ httpRequests: 0 }),
  } as unknown as MetricSource;
  const r = await createCollector(source, profile, silentLogger).collect({ metrics: ['wal_fsync_rate', 'grpc_unary_duration'], range });
  const stats = r.queries.filter((q) => q.includes('analyzer_stat'));
  assert.ok(stats.some((q) => q.includes('etcd_disk_wal_fsync_duration_seconds_count{job="etcd"}[600s]')), 'the rate is over the 600 s with data');
  const grpc = stats.find((q) => q.includes('grpc_server_handling_seconds_bucket'))!;
  assert.match(grpc, /grpc_method=~"Put\|Range"/);
  // A full window of data (720 scrapes of 5 s): nothing shortened; a failed facts query: the whole window too.
  const counts = (w: number, rec: number) =>
    ({ instant: async () => [{ labels: { analyzer_span: 'window' }, value: w, time: END }, { labels: { analyzer_span: 'recent' }, value: rec, time: END }] }) as unknown as MetricSource;
  assert.equal((await windowFacts(counts(720, 60), profile, range, false, {})).dataSeconds, undefined);
  assert.equal((await windowFacts(counts(360, 60), profile, range, false, {})).dataSeconds, 1800);
  assert.ok(stats.length === 2 && sent.length >= 4);
  // A 5-minute window on a cluster 40 s old (live: node CPU read 92 % busy on an idle machine before this): the
  // recent span is the window itself, so only the first scrape's time tells the data's age.
  const short: TimeRange = { ...range, start: new Date(END - 300_000).toISOString(), duration: '5m' };
  const young = {
    instant: async () => [
      { labels: { analyzer_span: 'window' }, value: 9, time: END },
      { labels: { analyzer_span: 'recent' }, value: 9, time: END },
      { labels: { analyzer_span: 'first' }, value: END / 1000 - 40, time: END },
    ],
  } as unknown as MetricSource;
  const f = await windowFacts(young, profile, short, false, {});
  assert.equal(f.dataSeconds, 40);
  assert.equal(f.scrapeSeconds, 5);
  // Data older than the window: the first-scrape time is at (or before) its start, nothing is shortened.
  const old = { instant: async () => [{ labels: { analyzer_span: 'window' }, value: 60, time: END }, { labels: { analyzer_span: 'recent' }, value: 60, time: END }, { labels: { analyzer_span: 'first' }, value: END / 1000 - 300, time: END }] } as unknown as MetricSource;
  assert.equal((await windowFacts(old, profile, short, false, {})).dataSeconds, undefined);
});

test("OpenShift's minimal collection profile (its real keep list): one notice naming what cannot be analysed", async () => {
  const keep = minimalProfileKeepRegex();
  const all: InstantSample[] = [
    ...discoverySamples(),
    ...(['m1', 'm2', 'm3'] as const).map((m) => ({ labels: { __name__: 'etcd_server_has_leader', ...etcdLabels(m) }, value: 1, time: END })),
    { labels: { __name__: 'etcd_cluster_version', ...etcdLabels('m1'), cluster_version: '3.5' }, value: 1, time: END },
  ];
  // `up` is Prometheus' own series: every scrape profile has it.
  const minimal = all.filter((s) => s.labels.__name__ === 'up' || keep.test(s.labels.__name__));
  assert.deepEqual([...new Set(minimal.map((s) => s.labels.__name__))].sort(), ['etcd_server_has_leader', 'up']);
  const data = { wal_fsync_duration: rows(etcdLabels('m1'), { p99: 0.004 }) };
  const reduced = await createCollector(fakeSource({ discovery: minimal, generation: '3.5+', data }).source, profile, silentLogger).collect({ metrics: ['wal_fsync_duration'], range });
  const notice = reduced.errors.filter((e) => /reduced set of etcd metrics/.test(e.message));
  assert.equal(notice.length, 1);
  assert.equal(notice[0].kind, 'unavailable');
  assert.match(notice[0].message, /`minimal` monitoring collection profile/);
  assert.match(notice[0].message, /Cannot be analysed: the etcd version .* peer names .* etcd process CPU and memory/);
  assert.match(notice[0].hint, /collectionProfile: full/);
  assert.equal(reduced.metrics.find((m) => m.metric === 'wal_fsync_duration')?.stats.p99, 0.004, 'what is kept is still analysed');
  const full = await createCollector(fakeSource({ discovery: all, data }).source, profile, silentLogger).collect({ metrics: ['wal_fsync_duration'], range });
  assert.equal(full.errors.length, 0, 'a full scrape gives no notice');
  const down = await createCollector(fakeSource({ discovery: [{ labels: { __name__: 'up', ...NODE }, value: 1, time: END }] }).source, profile, silentLogger).collect({ metrics: [], range });
  assert.equal(down.errors.length, 0, 'no etcd series at all is not a reduced scrape');
});

test('discovery names a member stopped before the window ended from its last etcd_server_id (remembered, marked)', async () => {
  const { parseDiscovery, discoveryQuery } = await import('../../src/core/collect/discovery');
  assert.match(discoveryQuery(profile, '300s'), /last_over_time\(etcd_server_id\{job="etcd"\}\[300s\]\)/);
  const samples: InstantSample[] = [
    ...discoverySamples('3.4.23', [etcdLabels('m1'), etcdLabels('m3')]),
    // m2 is gone at the window's end: only last_over_time still has it (it keeps the name; the marker tells it apart).
    { labels: { __name__: 'etcd_server_id', ...etcdLabels('m2'), server_id: IDS.m2, analyzer_lookback: '1' }, value: 1, time: END },
  ];
  const d = parseDiscovery(samples, profile);
  assert.equal(d.memberById.get(IDS.m2), 'm2');
  assert.equal(d.memberById.get(IDS.m1), 'm1');
});

test('batches: the dearest queries are dealt first, each to the cheapest batch so far; equal costs deal round-robin', () => {
  assert.deepEqual(planBatches([1, 2, 3, 4, 5], 2), [[1, 3, 5], [2, 4]]);
  // One heavy item travels alone; the light ones share the other batches.
  assert.deepEqual(planBatches([1, 1, 9, 1, 1, 1], 3, (x) => x), [[9], [1, 1, 1], [1, 1]]);
  assert.ok(estimatedCost('histogram_quantile(0.99, sum by (le) (rate(grpc_server_handling_seconds_bucket[1h])))') > estimatedCost('avg_over_time(etcd_mvcc_db_total_size_in_bytes[1h])'));
  assert.ok(estimatedCost('max_over_time((histogram_quantile(0.99, sum by (To, le) (rate(etcd_network_peer_round_trip_time_seconds_bucket[60s]))))[1h:60s])') > estimatedCost('histogram_quantile(0.99, sum by (le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket[1h])))'));
});
