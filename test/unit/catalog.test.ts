// The metric catalog: the agreed ids, scopes, units and statistics, and PromQL that is well-formed for both etcd
// generations, keeps identity labels, filters devices and escapes the member filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog, getMetric, metricIds, metricIdsOf } from '../../src/core/metrics/catalog';
import { statQuery } from '../../src/core/metrics/kinds';
import { DISK_DEVICE_EXCLUDE, NET_DEVICE_EXCLUDE } from '../../src/core/metrics/build';
import { detectGeneration, parseGeneration } from '../../src/core/metrics/generation';
import type { EtcdGeneration, QueryParams } from '../../src/core/metrics/types';
import type { MetricCategory, Scope, Statistic, Unit } from '../../src/core/types';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { memberFilterFor } from '../../src/core/collect/memberFilter';
import { buildStatsQuery } from '../../src/core/collect/statsQuery';
import { buildQueryParams } from '../../src/core/collect/params';

/** The ids agreed in the brief, by category (analyzers and rules use exactly these). */
const BRIEF: Record<MetricCategory, string[]> = {
  general: [
    'process_cpu_percent', 'process_memory_bytes', 'node_cpu_percent', 'node_memory_percent', 'db_size_bytes', 'db_in_use_bytes',
    'db_quota_bytes', 'db_quota_percent', 'db_fragmentation_ratio', 'keys_total', 'has_leader', 'is_leader', 'leader_changes',
    'proposals_committed_rate', 'proposals_applied_rate', 'proposals_pending', 'proposals_failed_rate', 'slow_applies_rate',
    'slow_read_indexes_rate', 'heartbeat_failures_rate', 'health_failures_rate', 'mvcc_put_rate', 'mvcc_delete_rate', 'process_uptime_seconds',
    'member_up', 'node_major_page_faults_rate',
  ],
  wal_fsync: ['wal_fsync_duration', 'wal_fsync_rate', 'wal_fsync_avg_seconds'],
  backend_commit: ['backend_commit_duration', 'backend_commit_rate', 'backend_commit_avg_seconds'],
  compact_defrag: ['compaction_duration', 'compactions', 'compacted_keys', 'defrag_duration', 'defrags', 'snapshot_save_duration', 'snapshot_saves'],
  disk: [
    'disk_read_bytes_rate', 'disk_write_bytes_rate', 'disk_read_iops', 'disk_write_iops', 'disk_read_latency_seconds',
    'disk_write_latency_seconds', 'disk_utilisation_percent', 'node_iowait_percent', 'io_pressure_percent',
  ],
  network: [
    'peer_rtt', 'peer_sent_bytes_rate', 'peer_received_bytes_rate', 'peer_sent_failures_rate', 'peer_received_failures_rate',
    'active_peers', 'client_grpc_received_bytes_rate', 'client_grpc_sent_bytes_rate', 'node_network_rx_bytes_rate',
    'node_network_tx_bytes_rate', 'node_network_drops_rate', 'watch_streams',
  ],
  grpc: ['grpc_request_rate', 'grpc_failed_rate', 'grpc_failure_ratio', 'grpc_unary_duration'],
};

const profile = createProfile(defaultProfileConfig('http://127.0.0.1:9090'));

function params(generation: EtcdGeneration, memberFilter = ''): QueryParams {
  return {
    etcd: profile.etcdMatchers(),
    node: profile.nodeMatchers(),
    window: '3600s',
    rateWindow: '60s',
    step: '30s',
    generation,
    memberFilter,
  };
}

/** Every PromQL string a metric can produce: its rolling expr and each statistic's window query. */
function allQueries(p: QueryParams): { id: string; what: string; q: string }[] {
  return catalog.flatMap((def) => [
    { id: def.id, what: 'expr', q: def.expr(p) },
    ...def.stats.map((s) => ({ id: def.id, what: s, q: statQuery(def, s, p) ?? '' })),
  ]);
}

/** Brackets balance outside string literals; string literals close. */
function balanced(q: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (c === '"') {
      i++;
      while (i < q.length && q[i] !== '"') i += q[i] === '\\' ? 2 : 1;
      if (i >= q.length) return false;
    } else if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0;
}

test('the catalog has at least 51 metrics with unique ids, and every id agreed in the brief', () => {
  assert.ok(metricIds.length >= 51, `only ${metricIds.length} metrics`);
  assert.equal(new Set(metricIds).size, metricIds.length);
  for (const [category, ids] of Object.entries(BRIEF)) {
    for (const id of ids) {
      const def = getMetric(id);
      assert.ok(def, `missing ${id}`);
      assert.equal(def.category, category, `${id} category`);
    }
    assert.deepEqual(metricIdsOf(category as MetricCategory).filter((id) => ids.includes(id)), ids, `${category} ids in order`);
  }
  assert.equal(getMetric('no_such_metric'), undefined);
});

test('scopes, units and statistics follow the agreed semantics', () => {
  const expect: Record<string, [Scope, Unit, Statistic[]]> = {
    process_cpu_percent: ['member', 'percent', ['avg', 'max']],
    process_memory_bytes: ['member', 'bytes', ['avg', 'max', 'min', 'latest']],
    node_cpu_percent: ['node', 'percent', ['avg', 'max']],
    node_memory_percent: ['node', 'percent', ['avg', 'max', 'min', 'latest']],
    db_fragmentation_ratio: ['member', 'ratio', ['avg', 'max', 'min', 'latest']],
    has_leader: ['member', 'bool', ['avg', 'max', 'min', 'latest']],
    member_up: ['member', 'bool', ['avg', 'max', 'min', 'latest']],
    leader_changes: ['member', 'count', ['increase']],
    compactions: ['member', 'count', ['increase']],
    snapshot_saves: ['member', 'count', ['increase']],
    proposals_pending: ['member', 'count', ['avg', 'max', 'min', 'latest']],
    wal_fsync_duration: ['member', 'seconds', ['p50', 'p90', 'p99', 'max']],
    backend_commit_duration: ['member', 'seconds', ['p50', 'p90', 'p99', 'max']],
    compaction_duration: ['member', 'seconds', ['p50', 'p90', 'p99', 'max']],
    peer_rtt: ['pair', 'seconds', ['p50', 'p90', 'p99', 'max']],
    peer_sent_bytes_rate: ['pair', 'bytes_per_second', ['avg', 'max']],
    peer_received_failures_rate: ['pair', 'per_second', ['avg', 'max']],
    disk_write_iops: ['node', 'per_second', ['avg', 'max']],
    disk_write_latency_seconds: ['node', 'seconds', ['avg', 'max']],
    node_iowait_percent: ['node', 'percent', ['avg', 'max']],
    grpc_failure_ratio: ['member', 'ratio', ['avg', 'max']],
    grpc_unary_duration: ['member', 'seconds', ['p99', 'max']],
  };
  for (const [id, [scope, unit, stats]] of Object.entries(expect)) {
    const def = getMetric(id)!;
    assert.deepEqual([def.scope, def.unit, def.stats], [scope, unit, stats], id);
  }
  for (const def of catalog) {
    if (/_rate$|_iops$/.test(def.id)) assert.deepEqual(def.stats, ['avg', 'max'], `${def.id}: rates are avg + max`);
    if (def.scope === 'pair') assert.ok(def.keyLabels?.some((k) => k === 'To' || k === 'From'), `${def.id}: pair needs To/From`);
    if (def.unit === 'percent') assert.ok(/percent/.test(def.id), `${def.id}: percent unit, percent name`);
    assert.ok(def.title && def.description.length > 20, `${def.id}: title and description`);
  }
  assert.deepEqual(getMetric('grpc_request_rate')!.keyLabels, ['grpc_method']);
  assert.deepEqual(getMetric('grpc_failed_rate')!.keyLabels, ['grpc_code']);
});

for (const generation of ['3.4', '3.5+'] as const) {
  test(`every expression and statistic renders well-formed PromQL (etcd ${generation})`, () => {
    const p = params(generation);
    for (const def of catalog) {
      for (const s of def.stats) assert.ok(statQuery(def, s, p), `${def.id}: no query for ${s}`);
    }
    for (const { id, what, q } of allQueries(p)) {
      assert.ok(q.length > 10, `${id} ${what}: empty`);
      assert.ok(balanced(q), `${id} ${what}: unbalanced: ${q}`);
      assert.doesNotMatch(q, /undefined|NaN|\[object|\{,|,\s*\}|, ,/, `${id} ${what}: ${q}`);
    }
  });
}

test('aggregations keep the identity labels', () => {
  for (const { id, what, q } of allQueries(params('3.5+'))) {
    for (const m of q.matchAll(/\b(sum|avg|max|min) by \(([^)]*)\)/g)) {
      const labels = m[2].split(/,\s*/);
      const etcd = ['member', 'pod', 'instance'].every((l) => labels.includes(l));
      const node = ['node', 'instance'].every((l) => labels.includes(l));
      assert.ok(etcd || node, `${id} ${what}: "${m[0]}" drops identity`);
    }
    assert.doesNotMatch(q, /\b(sum|avg|max|min)\s*\(/, `${id} ${what}: aggregation without by(): ${q}`);
  }
  const p = params('3.5+');
  assert.match(getMetric('peer_rtt')!.expr(p), /by \(member, pod, instance, To, le\)/);
  assert.match(getMetric('peer_received_bytes_rate')!.expr(p), /by \(member, pod, instance, From\)/);
  assert.match(getMetric('disk_write_iops')!.expr(p), /by \(node, instance, device\)/);
});

test('histograms: window quantiles over all buckets, max = worst rolling p99', () => {
  const p = params('3.5+');
  const def = getMetric('wal_fsync_duration')!;
  assert.equal(
    def.statExpr!('p99', p),
    'histogram_quantile(0.99, sum by (member, pod, instance, le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket{job=~".*etcd.*"}[3600s])))',
  );
  assert.match(def.statExpr!('p50', p)!, /^histogram_quantile\(0\.5, /);
  assert.equal(def.statExpr!('max', p), `max_over_time((${def.expr(p)})[3600s:30s])`);
  assert.match(def.expr(p), /\[60s\]/);
  assert.match(getMetric('grpc_unary_duration')!.expr(p), /grpc_type="unary", grpc_method!="Defragment"/);
});

test('worst rolling values: tiling windows overlap by one scrape interval, so no scrape interval falls between two', () => {
  // Measured on the local bed: a 55 ms fsync p99 spike scraped right after a 60 s boundary was in no 60 s window.
  const range = (duration: number, stepSeconds: number) => ({ start: new Date(Date.UTC(2026, 0, 1) - duration * 1000).toISOString(), end: new Date(Date.UTC(2026, 0, 1)).toISOString(), duration: `${duration}s`, stepSeconds });
  const hour = buildQueryParams(range(3600, 5), profile, '3.5+', '', undefined, 5);
  assert.equal(hour.rateWindow, '60s');
  assert.equal(hour.step, '60s', 'an hour: rolling windows tile it');
  assert.equal(hour.maxRateWindow, '65s', 'each window reaches one 5 s scrape into the previous one');
  const unknownScrape = buildQueryParams(range(3600, 5), profile, '3.5+', '');
  assert.equal(unknownScrape.maxRateWindow, '75s', 'scrape interval unknown: a quarter of the rolling window');
  const week = buildQueryParams(range(7 * 86400, 600), profile, '3.5+', '', undefined, 60);
  assert.equal(week.maxRateWindow, undefined, 'a week: the windows sample it (gaps between them anyway), nothing widened');

  const fsync = getMetric('wal_fsync_duration')!;
  assert.match(fsync.statExpr!('max', hour)!, /^max_over_time\(\(histogram_quantile\(0\.99, .*\[65s\]\)\)\)\)\[3600s:60s\]\)$/);
  assert.match(fsync.expr(hour), /\[60s\]/, 'the chart keeps the rolling window');
  const failed = getMetric('proposals_failed_rate')!;
  assert.match(statQuery(failed, 'max', hour)!, /\[65s\]\)+\[3600s:60s\]/);
  assert.match(statQuery(failed, 'max', week)!, /\[1200s\]/);
  assert.doesNotMatch(statQuery(failed, 'max', week)!, /\[1260s\]/);
});

test('3.4 vs 3.5+ names: the generation picks which name is tried first, the other stays as fallback', () => {
  const size34 = getMetric('db_size_bytes')!.expr(params('3.4'));
  const size35 = getMetric('db_size_bytes')!.expr(params('3.5+'));
  assert.match(size35, /etcd_mvcc_db_total_size_in_bytes\{[^}]*\} or etcd_debugging_mvcc_db_total_size_in_bytes/);
  assert.match(size34, /etcd_debugging_mvcc_db_total_size_in_bytes\{[^}]*\} or etcd_mvcc_db_total_size_in_bytes/);
});

test('compaction keeps its etcd_debugging_mvcc_ names in 3.4, 3.5 and 3.6: no invented etcd_mvcc_db_compaction_*', () => {
  for (const gen of ['3.4', '3.5+'] as const) {
    const p = params(gen);
    const d = getMetric('compaction_duration')!.statExpr!('p99', p)!;
    assert.match(d, /^histogram_quantile\(0\.99, sum by \(member, pod, instance, le\) \(rate\(etcd_debugging_mvcc_db_compaction_total_duration_milliseconds_bucket\{/);
    assert.match(d, /\/ 1000$/, 'ms → s');
    assert.match(getMetric('compactions')!.statExpr!('increase', p)!, /etcd_debugging_mvcc_db_compaction_total_duration_milliseconds_count/);
    assert.match(getMetric('compacted_keys')!.statExpr!('increase', p)!, /etcd_debugging_mvcc_db_compaction_keys_total/);
    for (const id of ['compaction_duration', 'compactions', 'compacted_keys']) {
      assert.doesNotMatch(getMetric(id)!.expr(p), /[^_]etcd_mvcc_db_compaction/, `${id} ${gen}`);
    }
  }
});

test('etcd generation from version labels', () => {
  assert.equal(parseGeneration('3.4.23'), '3.4');
  assert.equal(parseGeneration('v3.5.9'), '3.5+');
  assert.equal(parseGeneration('3.6.0'), '3.5+');
  assert.equal(parseGeneration('3.3.11'), '3.4');
  assert.equal(parseGeneration('banana'), undefined);
  const s = (labels: Record<string, string>) => ({ labels, value: 1, time: 0 });
  assert.equal(detectGeneration([s({ server_version: '3.5.9' }), s({ cluster_version: '3.4' })]), '3.4', 'cluster version wins');
  assert.equal(detectGeneration([s({ server_version: '3.5.9' }), s({ server_version: '3.4.20' })]), '3.4', 'oldest member');
  assert.equal(detectGeneration([s({ server_version: '3.5.9' })]), '3.5+');
  assert.equal(detectGeneration([]), '3.5+', 'unknown → current names');
});

test('gRPC: zero series are dropped on the server, failures use the mixin codes', () => {
  const p = params('3.5+');
  const rate = getMetric('grpc_request_rate')!;
  assert.match(rate.expr(p), / > 0$/);
  for (const s of rate.stats) assert.match(statQuery(rate, s, p)!, / > 0$/);
  const failed = getMetric('grpc_failed_rate')!;
  assert.match(failed.expr(p), /grpc_code=~"Unknown\|FailedPrecondition\|ResourceExhausted\|Internal\|Unavailable\|DataLoss\|DeadlineExceeded"/);
  assert.match(failed.expr(p), / > 0$/);
});

test('device filters: virtual disks and NICs out, real ones and loopback in', () => {
  const anchored = (re: string) => new RegExp(`^(?:${re})$`); // Prometheus anchors regex matchers
  const disk = anchored(DISK_DEVICE_EXCLUDE);
  for (const d of ['zram0', 'ram1', 'loop7', 'sr0', 'fd0', 'nbd3', 'sda1', 'vda2', 'xvda1', 'nvme0n1p1', 'mmcblk0p2']) assert.ok(disk.test(d), `${d} excluded`);
  for (const d of ['sda', 'vda', 'xvdb', 'nvme0n1', 'dm-0', 'md0', 'mmcblk0']) assert.ok(!disk.test(d), `${d} kept`);
  const net = anchored(NET_DEVICE_EXCLUDE);
  for (const d of ['veth1a2b', 'docker0', 'cni0', 'flannel.1', 'cali123', 'tunl0', 'vxlan.calico', 'genev_sys_6081', 'ovs-system', 'br-int', 'virbr0', 'ifb0', '0a1b2c3d4e5f6a7']) {
    assert.ok(net.test(d), `${d} excluded`);
  }
  for (const d of ['lo', 'eth0', 'ens3', 'enp0s31f6', 'bond0', 'br-ex', 'wlan0']) assert.ok(!net.test(d), `${d} kept`);
  const p = params('3.5+');
  assert.ok(getMetric('disk_write_iops')!.expr(p).includes(`device!~"${DISK_DEVICE_EXCLUDE}"`));
  assert.ok(getMetric('node_network_rx_bytes_rate')!.expr(p).includes(`device!~"${NET_DEVICE_EXCLUDE}"`));
});

test('the member filter is escaped and applied to etcd series only', () => {
  const filter = memberFilterFor('m"1\\x', profile, { member: 'm"1\\x', instance: '127.0.0.1:2381' });
  assert.equal(filter, ',member="m\\"1\\\\x"');
  const p = params('3.5+', filter);
  for (const def of catalog) {
    const { query } = buildStatsQuery(def, p);
    assert.ok(balanced(query), `${def.id}: unbalanced with filter`);
    if (def.scope === 'node') assert.ok(!query.includes('member='), `${def.id}: node series carry no member label`);
    else assert.ok(query.includes('member="m\\"1\\\\x"'), `${def.id}: filter missing`);
  }
  // A member named from its instance (port stripped) is matched by a regex on instance, escaped twice.
  assert.equal(memberFilterFor('etcd-0.example', profile, { instance: 'etcd-0.example:2379' }), ',instance=~"etcd-0\\\\.example(:[0-9]+)?"');
});

test('one stats query per metric carries every statistic, tagged', () => {
  const p = params('3.5+');
  const def = getMetric('wal_fsync_duration')!;
  const { query, stats } = buildStatsQuery(def, p);
  assert.deepEqual(stats, def.stats);
  for (const s of def.stats) assert.ok(query.includes(`"analyzer_stat", "${s}", "", ""`), s);
  assert.equal(query.split(' or label_replace(').length, def.stats.length);
});

test('without a restart in the window, counters over the window are two look-ups; rolling rates stay rates', () => {
  const p = { ...params('3.5+'), windowDelta: true };
  const avg = statQuery(getMetric('wal_fsync_rate')!, 'avg', p)!;
  assert.match(avg, /etcd_disk_wal_fsync_duration_seconds_count\{[^}]*\} - last_over_time\(etcd_disk_wal_fsync_duration_seconds_count\{[^}]*\}\[\d+s\] offset 3600s\)\) or /);
  assert.ok(!avg.includes('rate('), 'no read of every sample for the window-wide average');
  const max = statQuery(getMetric('wal_fsync_rate')!, 'max', p)!;
  assert.match(max, /max_over_time\(\(sum by \([^)]*\) \(rate\(etcd_disk_wal_fsync_duration_seconds_count\{[^}]*\}\[60s\]\)\)\)\[3600s:30s\]\)/);
  const p99 = statQuery(getMetric('wal_fsync_duration')!, 'p99', p)!;
  assert.match(p99, /histogram_quantile\(0\.99, sum by \([^)]*le\) \(\(\(\(etcd_disk_wal_fsync_duration_seconds_bucket/);
  // A restart seen (or unknown): the exact increase over the window, as before.
  assert.match(statQuery(getMetric('leader_changes')!, 'increase', params('3.5+'))!, /increase\(etcd_server_leader_changes_seen_total\{[^}]*\}\[3600s\]\)/);
  // A series born inside the window: an etcd counter counts from 0, a node counter (since boot) falls back to increase.
  assert.ok(avg.includes(') or etcd_disk_wal_fsync_duration_seconds_count{'), 'etcd counter: its value is its growth');
  const cpu = statQuery(getMetric('node_cpu_percent')!, 'avg', p)!;
  assert.match(cpu, /\) or increase\(node_cpu_seconds_total\{[^}]*mode="idle"\}\[3600s\]\)\)/, 'node counter: never its since-boot value');
});
