// Bottleneck rules, outliers, correlations and health: pure functions over MetricSummary fixtures built here.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, MetricSummary, Scope, Statistic, Unit, MetricCategory } from '../../src/core/types';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { overallHealth } from '../../src/core/analysis/health';
import { grade } from '../../src/core/analysis/finding';
import type { EtcdClusterStatus } from '../../src/core/source/clusterStatusTypes';

const T = DEFAULT_THRESHOLDS;
const OPTS = { window: '1h', at: '2026-01-01T12:00:00.000Z' };

const META: Record<string, { unit: Unit; scope: Scope; category: MetricCategory }> = {
  wal_fsync_duration: { unit: 'seconds', scope: 'member', category: 'wal_fsync' },
  backend_commit_duration: { unit: 'seconds', scope: 'member', category: 'backend_commit' },
  node_iowait_percent: { unit: 'percent', scope: 'node', category: 'disk' },
  process_cpu_percent: { unit: 'percent', scope: 'member', category: 'general' },
  node_cpu_percent: { unit: 'percent', scope: 'node', category: 'general' },
  node_memory_percent: { unit: 'percent', scope: 'node', category: 'general' },
  peer_rtt: { unit: 'seconds', scope: 'pair', category: 'network' },
  peer_sent_failures_rate: { unit: 'per_second', scope: 'pair', category: 'network' },
  peer_received_failures_rate: { unit: 'per_second', scope: 'pair', category: 'network' },
  has_leader: { unit: 'bool', scope: 'member', category: 'general' },
  leader_changes: { unit: 'count', scope: 'member', category: 'general' },
  heartbeat_failures_rate: { unit: 'per_second', scope: 'member', category: 'general' },
  proposals_failed_rate: { unit: 'per_second', scope: 'member', category: 'general' },
  proposals_pending: { unit: 'count', scope: 'member', category: 'general' },
  slow_applies_rate: { unit: 'per_second', scope: 'member', category: 'general' },
  slow_read_indexes_rate: { unit: 'per_second', scope: 'member', category: 'general' },
  db_quota_percent: { unit: 'percent', scope: 'member', category: 'general' },
  db_size_bytes: { unit: 'bytes', scope: 'member', category: 'general' },
  db_in_use_bytes: { unit: 'bytes', scope: 'member', category: 'general' },
  db_quota_bytes: { unit: 'bytes', scope: 'member', category: 'general' },
  db_fragmentation_ratio: { unit: 'ratio', scope: 'member', category: 'general' },
  member_up: { unit: 'bool', scope: 'member', category: 'general' },
  grpc_failure_ratio: { unit: 'ratio', scope: 'member', category: 'grpc' },
  grpc_failed_rate: { unit: 'per_second', scope: 'member', category: 'grpc' },
  grpc_unary_duration: { unit: 'seconds', scope: 'member', category: 'grpc' },
};

function row(metric: string, member: string, stats: Partial<Record<Statistic, number | null>>, extra: Partial<MetricSummary> = {}): MetricSummary {
  const meta = META[metric];
  assert.ok(meta, `fixture metric ${metric}`);
  const node = meta.scope === 'node' ? member : extra.node ?? 'n1';
  return { metric, title: metric, member, node, stats, ...meta, ...extra };
}

const members = ['m1', 'm2', 'm3'];
const perMember = (metric: string, values: (number | null)[], stat: Statistic = 'p99', extra: (m: string) => Partial<MetricSummary> = () => ({})) =>
  values.map((v, i) => row(metric, members[i], { [stat]: v }, extra(members[i])));

const ev = (metrics: MetricSummary[], extra = {}) => evaluateFindings(metrics, T, { ...OPTS, ...extra });
const byRule = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
const one = (fs: Finding[], rule: string) => {
  const hits = byRule(fs, rule);
  assert.equal(hits.length, 1, `exactly one ${rule}: ${fs.map((f) => f.id).join(', ')}`);
  return hits[0];
};

describe('grade', () => {
  test('warning at the target, critical strictly past the alert level, null never grades', () => {
    assert.equal(grade(0.0099, T.walFsyncP99Seconds), null);
    assert.equal(grade(0.01, T.walFsyncP99Seconds), 'warning');
    assert.equal(grade(1, T.walFsyncP99Seconds, 'walFsyncP99Seconds'), 'warning');
    assert.equal(grade(1.001, T.walFsyncP99Seconds, 'walFsyncP99Seconds'), 'critical');
    assert.equal(grade(85, T.cpuPercent, 'cpuPercent'), 'critical'); // "≥ 85 %"
    assert.equal(grade(null, T.cpuPercent), null);
    assert.equal(grade(NaN, T.cpuPercent), null);
  });
});

describe('disk rule', () => {
  test('WAL fsync p99 per member: names the slow member, evidence has value, threshold, unit, window, time', () => {
    const fs = ev(perMember('wal_fsync_duration', [0.002, 0.0024, 0.031]));
    const f = one(fs, 'wal_fsync_p99_high');
    assert.equal(f.member, 'm3');
    assert.equal(f.id, 'wal_fsync_p99_high:m3');
    assert.equal(f.severity, 'warning');
    assert.equal(f.category, 'disk');
    assert.match(f.title, /31 ms on m3 \(target < 10 ms\)/);
    const e = f.evidence[0];
    assert.deepEqual([e.metric, e.member, e.statistic, e.value, e.unit, e.threshold, e.window, e.at], ['wal_fsync_duration', 'm3', 'p99', 0.031, 'seconds', 0.01, '1h', OPTS.at]);
    assert.ok(f.rootCause.length > 20 && /fio/.test(f.recommendation));
  });
  test('boundary: just below the target does not fire, exactly at it does', () => {
    assert.equal(byRule(ev(perMember('wal_fsync_duration', [0.0099, 0.0099, 0.0099])), 'wal_fsync_p99_high').length, 0);
    assert.equal(byRule(ev([row('wal_fsync_duration', 'm1', { p99: 0.01 })]), 'wal_fsync_p99_high').length, 1);
  });
  test('critical past the standard alert level, and the title says so', () => {
    const f = one(ev([row('wal_fsync_duration', 'm2', { p99: 1.5 })]), 'wal_fsync_p99_high');
    assert.equal(f.severity, 'critical');
    assert.match(f.title, /standard alert level 1 s \(etcdHighFsyncDurations\)/);
    assert.equal(f.evidence[0].threshold, 1);
  });
  test('null (no data) never triggers', () => {
    const fs = ev([...perMember('wal_fsync_duration', [null, null, null]), ...perMember('backend_commit_duration', [null, null, null]), row('node_iowait_percent', 'n1', { avg: null })]);
    assert.deepEqual(fs, []);
  });
  test('backend commit p99 above 25 ms; below does not', () => {
    assert.equal(one(ev([row('backend_commit_duration', 'm1', { p99: 0.03 })]), 'backend_commit_p99_high').member, 'm1');
    assert.equal(byRule(ev([row('backend_commit_duration', 'm1', { p99: 0.024 })]), 'backend_commit_p99_high').length, 0);
    assert.equal(one(ev([row('backend_commit_duration', 'm1', { p99: 0.3 })]), 'backend_commit_p99_high').severity, 'critical');
  });
  test('iowait names the node and the members it hosts', () => {
    const fs = ev([row('node_iowait_percent', 'n1', { avg: 12 }), row('process_cpu_percent', 'm1', { avg: 5 }, { node: 'n1' })]);
    const f = one(fs, 'node_iowait_high');
    assert.equal(f.member, 'n1');
    assert.match(f.title, /node n1 \(hosts m1\)/);
    assert.equal(byRule(ev([row('node_iowait_percent', 'n1', { avg: 9.9 })]), 'node_iowait_high').length, 0);
    assert.equal(one(ev([row('node_iowait_percent', 'n1', { avg: 20 })]), 'node_iowait_high').severity, 'critical');
  });
});

describe('cpu and memory rules', () => {
  test('process CPU warning at 70, critical at 85, not at 69.9', () => {
    assert.equal(one(ev([row('process_cpu_percent', 'm1', { avg: 70 })]), 'process_cpu_high').severity, 'warning');
    assert.equal(one(ev([row('process_cpu_percent', 'm1', { avg: 85 })]), 'process_cpu_high').severity, 'critical');
    assert.equal(byRule(ev([row('process_cpu_percent', 'm1', { avg: 69.9 })]), 'process_cpu_high').length, 0);
  });
  test('node CPU and memory', () => {
    assert.equal(one(ev([row('node_cpu_percent', 'n2', { avg: 90 })]), 'node_cpu_high').member, 'n2');
    const mem = one(ev([row('node_memory_percent', 'n1', { avg: 75 })]), 'node_memory_high');
    assert.equal(mem.category, 'memory');
    assert.equal(mem.evidence[0].unit, 'percent');
    assert.equal(byRule(ev([row('node_memory_percent', 'n1', { avg: 50 })]), 'node_memory_high').length, 0);
  });
});

describe('network rule', () => {
  test('peer RTT per pair names the sending member and the pair', () => {
    const fs = ev([row('peer_rtt', 'm1→m2', { p99: 0.01 }), row('peer_rtt', 'm1→m3', { p99: 0.08 })]);
    const f = one(fs, 'peer_rtt_p99_high');
    assert.equal(f.member, 'm1');
    assert.equal(f.id, 'peer_rtt_p99_high:m1→m3');
    assert.match(f.title, /80 ms on m1→m3/);
    assert.equal(one(ev([row('peer_rtt', 'm1→m3', { p99: 0.2 })]), 'peer_rtt_p99_high').severity, 'critical');
    assert.equal(byRule(ev([row('peer_rtt', 'm1→m3', { p99: 0.049 })]), 'peer_rtt_p99_high').length, 0);
  });
  test('peer send failures: any rate is a warning, > 0.01/s critical; received failures name the receiver', () => {
    assert.equal(one(ev([row('peer_sent_failures_rate', 'm1→m3', { avg: 0.001 })]), 'peer_sent_failures').severity, 'warning');
    assert.equal(one(ev([row('peer_sent_failures_rate', 'm1→m3', { avg: 0.05 })]), 'peer_sent_failures').severity, 'critical');
    assert.equal(byRule(ev([row('peer_sent_failures_rate', 'm1→m3', { avg: 0 })]), 'peer_sent_failures').length, 0);
    assert.equal(one(ev([row('peer_received_failures_rate', 'm3→m1', { avg: 0.5 })]), 'peer_received_failures').member, 'm1');
  });
});

describe('leader rule', () => {
  test('no leader now is critical per member; lost during the window is a warning', () => {
    const fs = ev([row('has_leader', 'm1', { latest: 0, min: 0 }), row('has_leader', 'm2', { latest: 1, min: 0, avg: 0.9 }), row('has_leader', 'm3', { latest: 1, min: 1 })]);
    assert.equal(one(fs, 'no_leader').member, 'm1');
    assert.equal(one(fs, 'no_leader').severity, 'critical');
    const lost = one(fs, 'leader_lost_in_window');
    assert.equal(lost.member, 'm2');
    assert.match(lost.title, /10 %/);
  });
  test('leader changes: 0 none, 1 warning, 4 critical, one cluster finding with every member as evidence', () => {
    assert.equal(byRule(ev(perMember('leader_changes', [0, 0, 0], 'increase')), 'leader_changes').length, 0);
    const w = one(ev(perMember('leader_changes', [1, 1, 0], 'increase')), 'leader_changes');
    assert.equal(w.severity, 'warning');
    assert.equal(w.member, 'cluster');
    assert.equal(w.evidence.length, 3);
    const c = one(ev(perMember('leader_changes', [4, 4, 3], 'increase')), 'leader_changes');
    assert.equal(c.severity, 'critical');
    assert.match(c.title, /4 leader changes in 1h/);
    assert.match(c.recommendation, /Do not raise --heartbeat-interval/);
    assert.doesNotMatch(c.recommendation, /stopgap/);
  });
  test('heartbeat failures fire above zero only', () => {
    assert.equal(one(ev([row('heartbeat_failures_rate', 'm2', { avg: 0.01 })]), 'heartbeat_failures').member, 'm2');
    assert.equal(byRule(ev([row('heartbeat_failures_rate', 'm2', { avg: 0 })]), 'heartbeat_failures').length, 0);
  });
});

describe('proposals and gRPC rules', () => {
  test('failed proposals: any rate warns, > 5/s critical', () => {
    assert.equal(one(ev([row('proposals_failed_rate', 'm1', { avg: 0.02 })]), 'proposals_failed').severity, 'warning');
    assert.equal(one(ev([row('proposals_failed_rate', 'm1', { avg: 6 })]), 'proposals_failed').severity, 'critical');
    assert.equal(byRule(ev([row('proposals_failed_rate', 'm1', { avg: 0 })]), 'proposals_failed').length, 0);
  });
  test('pending proposals, slow applies, slow read indexes', () => {
    assert.equal(one(ev([row('proposals_pending', 'm1', { avg: 5 })]), 'proposals_pending').severity, 'warning');
    assert.equal(byRule(ev([row('proposals_pending', 'm1', { avg: 1 })]), 'proposals_pending').length, 0);
    assert.equal(one(ev([row('slow_applies_rate', 'm3', { avg: 0.1 })]), 'slow_applies').member, 'm3');
    assert.equal(one(ev([row('slow_read_indexes_rate', 'm3', { avg: 0.1 })]), 'slow_read_indexes').category, 'proposals');
  });
  test('gRPC failure ratio > 1 % warns, > 5 % critical, and names the failing codes', () => {
    const fs = ev([
      row('grpc_failure_ratio', 'm1', { avg: 0.02 }),
      row('grpc_failed_rate', 'm1', { avg: 0.5 }, { labels: { grpc_code: 'ResourceExhausted' } }),
    ]);
    const f = one(fs, 'grpc_failure_ratio_high');
    assert.equal(f.severity, 'warning');
    assert.match(f.rootCause, /ResourceExhausted/);
    assert.equal(one(ev([row('grpc_failure_ratio', 'm1', { avg: 0.06 })]), 'grpc_failure_ratio_high').severity, 'critical');
    assert.equal(byRule(ev([row('grpc_failure_ratio', 'm1', { avg: 0.009 })]), 'grpc_failure_ratio_high').length, 0);
  });
  test('gRPC unary p99 critical past 150 ms', () => {
    assert.equal(one(ev([row('grpc_unary_duration', 'm2', { p99: 0.2 })]), 'grpc_unary_p99_high').severity, 'critical');
    assert.equal(byRule(ev([row('grpc_unary_duration', 'm2', { p99: 0.01 })]), 'grpc_unary_p99_high').length, 0);
  });
});

describe('quota and fragmentation rules', () => {
  test('quota percent: 80 warns, > 95 critical with the quota as evidence', () => {
    const fs = ev([row('db_quota_percent', 'm1', { latest: 96 }), row('db_quota_bytes', 'm1', { latest: 2 * 1024 ** 3 })]);
    const f = one(fs, 'db_quota_high');
    assert.equal(f.severity, 'critical');
    assert.ok(f.evidence.some((e) => e.metric === 'db_quota_bytes' && e.unit === 'bytes'));
    assert.match(f.recommendation, /defrag/);
    assert.equal(one(ev([row('db_quota_percent', 'm1', { latest: 80 })]), 'db_quota_high').severity, 'warning');
    assert.equal(byRule(ev([row('db_quota_percent', 'm1', { latest: 79 })]), 'db_quota_high').length, 0);
  });
  test('NOSPACE alarm from cluster status names the alarm, the member and the fix', () => {
    const status: EtcdClusterStatus = {
      members: [{ name: 'm3', id: 'abc', endpoint: 'http://127.0.0.1:32379', healthy: true, isLeader: false }],
      alarms: [{ memberId: 'abc', alarm: 'NOSPACE' }],
    };
    const f = one(ev([], { clusterStatus: status }), 'nospace_alarm');
    assert.equal(f.member, 'm3');
    assert.equal(f.severity, 'critical');
    assert.equal(f.category, 'quota');
    assert.match(f.title, /NOSPACE/);
    assert.match(f.recommendation, /compact/);
    assert.match(f.recommendation, /one at a time/);
    assert.match(f.recommendation, /alarm disarm/);
  });
  test('fragmentation: 30 % warns; critical needs < 50 % in use and > 100 MiB in use', () => {
    const frag = (ratio: number, inUse: number, size: number) => ev([
      row('db_fragmentation_ratio', 'm2', { latest: ratio }),
      row('db_in_use_bytes', 'm2', { latest: inUse }),
      row('db_size_bytes', 'm2', { latest: size }),
    ]);
    assert.equal(byRule(frag(0.29, 40e6, 56e6), 'db_fragmented').length, 0);
    assert.equal(one(frag(0.3, 40e6, 57.2e6), 'db_fragmented').severity, 'warning');
    assert.equal(one(frag(0.6, 20e6, 50e6), 'db_fragmented').severity, 'warning'); // small DB never critical
    // Less than 16 MiB to reclaim: not worth a defragmentation, whatever the ratio.
    assert.equal(byRule(frag(0.6, 10e6, 25e6), 'db_fragmented').length, 0);
    const c = one(frag(0.6, 200 * 1024 ** 2, 500 * 1024 ** 2), 'db_fragmented');
    assert.equal(c.severity, 'critical');
    assert.match(c.title, /300 MiB reclaimable/);
  });
  test('DB size past 8 GiB is critical', () => {
    assert.equal(one(ev([row('db_size_bytes', 'm1', { latest: 9 * 1024 ** 3 })]), 'db_size_large').severity, 'critical');
    assert.equal(one(ev([row('db_size_bytes', 'm1', { latest: 3 * 1024 ** 3 })]), 'db_size_large').severity, 'info');
  });
});

describe('availability rule', () => {
  test('a member with up = 0 is named; one of three down is a warning', () => {
    const fs = ev(perMember('member_up', [1, 1, 0], 'latest'));
    const f = one(fs, 'member_down');
    assert.equal(f.member, 'm3');
    assert.equal(f.severity, 'warning');
    assert.equal(byRule(fs, 'quorum_lost').length, 0);
  });
  test('a member known from other series but without an up series is down', () => {
    const fs = ev([row('member_up', 'm1', { latest: 1 }), row('member_up', 'm2', { latest: 1 }), row('db_size_bytes', 'm3', { latest: 1e6 })]);
    assert.equal(one(fs, 'member_down').member, 'm3');
  });
  test('a member known from cluster status and unhealthy is down', () => {
    const status: EtcdClusterStatus = {
      members: members.map((m, i) => ({ name: m, id: `id${i}`, endpoint: `http://127.0.0.1:${i}`, healthy: m !== 'm2', isLeader: m === 'm1', error: m === 'm2' ? 'connection refused' : undefined })),
      alarms: [],
    };
    const f = one(ev(perMember('member_up', [1, 1, 1], 'latest'), { clusterStatus: status }), 'member_down');
    assert.equal(f.member, 'm2');
    assert.match(f.evidence[0].note ?? '', /connection refused/);
  });
  test('running (up = 1) but unhealthy per etcd is "unhealthy", not down, and does not count against quorum', () => {
    const status: EtcdClusterStatus = {
      members: members.map((m, i) => ({ name: m, id: `id${i}`, endpoint: `http://127.0.0.1:${i}`, healthy: m === 'm3', isLeader: false, error: m === 'm3' ? undefined : m === 'm1' ? 'member has no leader' : 'connection refused' })),
      alarms: [],
    };
    const fs = ev(perMember('member_up', [1, 0, 1], 'latest'), { clusterStatus: status });
    assert.equal(one(fs, 'member_unhealthy').member, 'm1');
    assert.match(one(fs, 'member_unhealthy').title, /no leader/);
    assert.deepEqual(byRule(fs, 'member_down').map((f) => f.member), ['m2']);
    assert.equal(byRule(fs, 'quorum_lost').length, 0);
  });
  test('two of three down: quorum lost is critical, naming the down members', () => {
    const fs = ev(perMember('member_up', [1, 0, 0], 'latest'));
    const q = one(fs, 'quorum_lost');
    assert.equal(q.severity, 'critical');
    assert.match(q.title, /1 of 3 members up, 2 needed/);
    assert.deepEqual(byRule(fs, 'member_down').map((f) => [f.member, f.severity]), [['m2', 'critical'], ['m3', 'critical']]);
    assert.equal(overallHealth(fs), 'critical');
  });
  test('all up: nothing; up with no data: nothing; was down in the window: warning', () => {
    assert.deepEqual(ev(perMember('member_up', [1, 1, 1], 'latest')), []);
    assert.deepEqual(ev(perMember('member_up', [null, null, null], 'latest')), []);
    const fs = ev([row('member_up', 'm1', { latest: 1, min: 0, avg: 0.8 }), row('member_up', 'm2', { latest: 1, min: 1 })]);
    assert.equal(one(fs, 'member_was_down').member, 'm1');
  });
});

describe('outliers', () => {
  test('one member far from the others is named, with the others\' values as evidence', () => {
    const fs = ev(perMember('wal_fsync_duration', [0.002, 0.0025, 0.031]));
    const f = one(fs, 'outlier_wal_fsync_duration');
    assert.equal(f.member, 'm3');
    assert.match(f.title, /Outlier member m3/);
    assert.match(f.title, /m1 2 ms, m2 2.5 ms/);
    assert.deepEqual(f.evidence.map((e) => e.member), ['m3', 'm1', 'm2']);
    assert.deepEqual(f.related, ['wal_fsync_p99_high:m3']);
    assert.ok(one(fs, 'wal_fsync_p99_high').related?.includes(f.id));
  });
  test('no outlier when values are close, when tiny, or with only two members', () => {
    assert.equal(byRule(ev(perMember('wal_fsync_duration', [0.02, 0.025, 0.031])), 'outlier_wal_fsync_duration').length, 0);
    assert.equal(byRule(ev(perMember('wal_fsync_duration', [0.0001, 0.0001, 0.001])), 'outlier_wal_fsync_duration').length, 0);
    assert.equal(byRule(ev(perMember('wal_fsync_duration', [0.002, 0.031])), 'outlier_wal_fsync_duration').length, 0);
  });
  test('an outlier below the target is info, not a warning', () => {
    const f = one(ev(perMember('wal_fsync_duration', [0.001, 0.001, 0.008])), 'outlier_wal_fsync_duration');
    assert.equal(f.severity, 'info');
  });
  test('peer RTT: the member whose every link is slow is the outlier', () => {
    const pairs: [string, number][] = [['m1→m2', 0.002], ['m2→m1', 0.002], ['m1→m3', 0.06], ['m3→m1', 0.06], ['m2→m3', 0.06], ['m3→m2', 0.06]];
    const fs = ev(pairs.map(([p, v]) => row('peer_rtt', p, { p99: v })));
    assert.equal(one(fs, 'outlier_peer_rtt').member, 'm3');
  });
});

describe('correlations', () => {
  test('fsync high + iowait high on the same node → disk root cause, related both ways', () => {
    const fs = ev([
      row('wal_fsync_duration', 'm3', { p99: 0.05 }, { node: 'n3' }),
      row('node_iowait_percent', 'n3', { avg: 25 }),
      row('node_iowait_percent', 'n1', { avg: 1 }),
    ]);
    const f = one(fs, 'disk_root_cause');
    assert.equal(f.member, 'm3');
    assert.equal(f.severity, 'critical');
    assert.deepEqual(f.related?.sort(), ['node_iowait_high:n3', 'wal_fsync_p99_high:m3']);
    assert.ok(one(fs, 'wal_fsync_p99_high').related?.includes('disk_root_cause:m3'));
    assert.ok(one(fs, 'node_iowait_high').related?.includes('disk_root_cause:m3'));
  });
  test('fsync high on a node with calm iowait → no disk root cause', () => {
    const fs = ev([row('wal_fsync_duration', 'm3', { p99: 0.05 }, { node: 'n3' }), row('node_iowait_percent', 'n3', { avg: 2 })]);
    assert.equal(byRule(fs, 'disk_root_cause').length, 0);
  });
  test('peer RTT high + failed proposals → network root cause naming the common member', () => {
    const fs = ev([
      row('peer_rtt', 'm1→m3', { p99: 0.2 }),
      row('peer_rtt', 'm2→m3', { p99: 0.1 }),
      row('proposals_failed_rate', 'm1', { avg: 0.1 }),
    ]);
    const f = one(fs, 'network_root_cause');
    assert.equal(f.member, 'm3');
    assert.ok(f.related?.includes('proposals_failed:m1'));
    assert.equal(byRule(ev([row('peer_rtt', 'm1→m3', { p99: 0.2 })]), 'network_root_cause').length, 0);
  });
  test('peer RTT high + leader changes → network root cause', () => {
    const fs = ev([row('peer_rtt', 'm1→m2', { p99: 0.08 }), ...perMember('leader_changes', [2, 2, 2], 'increase')]);
    assert.ok(one(fs, 'network_root_cause').related?.includes('leader_changes:cluster'));
  });
  test('latency high + CPU near its limit + calm disk → CPU root cause; not when iowait is high or unknown', () => {
    const base = [row('backend_commit_duration', 'm2', { p99: 0.05 }, { node: 'n2' }), row('process_cpu_percent', 'm2', { avg: 90 }, { node: 'n2' })];
    const f = one(ev([...base, row('node_iowait_percent', 'n2', { avg: 1 })]), 'cpu_root_cause');
    assert.equal(f.member, 'm2');
    assert.ok(f.related?.includes('process_cpu_high:m2'));
    assert.equal(byRule(ev([...base, row('node_iowait_percent', 'n2', { avg: 15 })]), 'cpu_root_cause').length, 0);
    assert.equal(byRule(ev(base), 'cpu_root_cause').length, 0);
  });
  test('leader changes + fsync spikes → elections explained by the disk; timeouts only as a stopgap with that evidence', () => {
    const fs = ev([...perMember('leader_changes', [2, 2, 2], 'increase'), row('wal_fsync_duration', 'm1', { p99: 0.004, max: 0.4 })]);
    const f = one(fs, 'elections_explained_by_disk');
    assert.equal(f.member, 'm1');
    assert.ok(f.evidence.some((e) => e.metric === 'wal_fsync_duration' && e.statistic === 'max' && e.value === 0.4));
    assert.ok(f.related?.includes('leader_changes:cluster'));
    assert.match(f.recommendation, /stopgap/);
    assert.equal(byRule(ev([...perMember('leader_changes', [2, 2, 2], 'increase'), row('wal_fsync_duration', 'm1', { p99: 0.004, max: 0.005 })]), 'elections_explained_by_disk').length, 0);
  });
  test('no disk claim for elections when a member stopped or restarted in the window, or spikes stay below the heartbeat interval', () => {
    const base = [...perMember('leader_changes', [2, 2, 2], 'increase'), row('wal_fsync_duration', 'm1', { p99: 0.004, max: 0.4 })];
    assert.equal(byRule(ev([...base, row('member_up', 'm2', { latest: 1, min: 0, avg: 0.7 })]), 'elections_explained_by_disk').length, 0);
    assert.equal(byRule(ev([...perMember('leader_changes', [2, 2, 2], 'increase'), row('wal_fsync_duration', 'm1', { p99: 0.004, max: 0.05 })]), 'elections_explained_by_disk').length, 0);
  });
  test('the leader recommendation never suggests raising timeouts without disk evidence', () => {
    const fs = ev(perMember('leader_changes', [5, 5, 5], 'increase'));
    for (const f of fs) assert.doesNotMatch(f.recommendation, /raising|stopgap/i);
  });
});

describe('evaluate, thresholds, health', () => {
  test('findings are sorted by severity, then category', () => {
    const fs = ev([row('node_memory_percent', 'n1', { avg: 75 }), row('wal_fsync_duration', 'm1', { p99: 2 }), ...perMember('member_up', [1, 1, 0], 'latest')]);
    assert.deepEqual(fs.map((f) => f.severity), ['critical', 'warning', 'warning']);
    assert.equal(fs[1].category, 'availability');
  });
  test('threshold overrides change what fires; junk overrides are ignored', () => {
    const th = resolveThresholds({ walFsyncP99Seconds: { warning: 0.05 }, cpuPercent: { warning: 'x' }, outlierFactor: -1 });
    assert.equal(th.walFsyncP99Seconds.warning, 0.05);
    assert.equal(th.walFsyncP99Seconds.critical, 1);
    assert.equal(th.cpuPercent.warning, 70);
    assert.equal(th.outlierFactor, 3);
    const m = [row('wal_fsync_duration', 'm1', { p99: 0.03 })];
    assert.equal(byRule(evaluateFindings(m, th, OPTS), 'wal_fsync_p99_high').length, 0);
    assert.equal(byRule(evaluateFindings(m, T, OPTS), 'wal_fsync_p99_high').length, 1);
    assert.equal(resolveThresholds({ fragmentationMinInUseBytes: 1 }).fragmentationMinInUseBytes, 1);
  });
  test('categories and member options restrict the findings', () => {
    const metrics = [row('wal_fsync_duration', 'm1', { p99: 0.05 }), row('process_cpu_percent', 'm2', { avg: 90 })];
    assert.deepEqual(evaluateFindings(metrics, T, { ...OPTS, categories: ['cpu'] }).map((f) => f.id), ['process_cpu_high:m2']);
    assert.deepEqual(evaluateFindings(metrics, T, { ...OPTS, member: 'm1' }).map((f) => f.id), ['wal_fsync_p99_high:m1']);
  });
  test('every finding carries the full shape; related ids always resolve', () => {
    const fs = ev([
      ...perMember('wal_fsync_duration', [0.002, 0.002, 0.5]).map((r) => ({ ...r, node: `n-${r.member}` })),
      row('node_iowait_percent', 'n-m3', { avg: 30 }),
      ...perMember('leader_changes', [3, 3, 3], 'increase'),
    ]);
    const ids = new Set(fs.map((f) => f.id));
    assert.equal(ids.size, fs.length);
    for (const f of fs) {
      assert.ok(f.id && f.rule && f.category && f.severity && f.member && f.title && f.rootCause && f.recommendation, f.id);
      assert.ok(f.evidence.length > 0, f.id);
      for (const id of f.related ?? []) assert.ok(ids.has(id), `${f.id} → ${id}`);
    }
  });
  test('overall health', () => {
    assert.equal(overallHealth([]), 'healthy');
    assert.equal(overallHealth([{ severity: 'info' }]), 'healthy');
    assert.equal(overallHealth([{ severity: 'info' }, { severity: 'warning' }]), 'degraded');
    assert.equal(overallHealth([{ severity: 'warning' }, { severity: 'critical' }]), 'critical');
  });
});
