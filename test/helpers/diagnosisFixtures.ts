// Synthetic metric summaries of a healthy 3-member cluster (m1..m3 on nodes n1..n3), to be bent one signal at a time
// into each fault the diagnosis must recognise. Values are typical of the local test bed under light load.
import type { MetricCategory, MetricSummary, Scope, Statistic, Unit } from '../../src/core/types';

const META: Record<string, { unit: Unit; scope: Scope; category: MetricCategory }> = {
  member_up: { unit: 'bool', scope: 'member', category: 'general' },
  wal_fsync_duration: { unit: 'seconds', scope: 'member', category: 'wal_fsync' },
  backend_commit_duration: { unit: 'seconds', scope: 'member', category: 'backend_commit' },
  process_cpu_percent: { unit: 'percent', scope: 'member', category: 'general' },
  node_cpu_percent: { unit: 'percent', scope: 'node', category: 'general' },
  node_iowait_percent: { unit: 'percent', scope: 'node', category: 'disk' },
  peer_rtt: { unit: 'seconds', scope: 'pair', category: 'network' },
  peer_sent_failures_rate: { unit: 'per_second', scope: 'pair', category: 'network' },
  peer_received_failures_rate: { unit: 'per_second', scope: 'pair', category: 'network' },
  has_leader: { unit: 'bool', scope: 'member', category: 'general' },
  leader_changes: { unit: 'count', scope: 'member', category: 'general' },
  process_uptime_seconds: { unit: 'seconds', scope: 'member', category: 'general' },
  proposals_failed_rate: { unit: 'per_second', scope: 'member', category: 'general' },
  db_quota_percent: { unit: 'percent', scope: 'member', category: 'general' },
  db_size_bytes: { unit: 'bytes', scope: 'member', category: 'general' },
  db_in_use_bytes: { unit: 'bytes', scope: 'member', category: 'general' },
  db_quota_bytes: { unit: 'bytes', scope: 'member', category: 'general' },
  db_fragmentation_ratio: { unit: 'ratio', scope: 'member', category: 'general' },
  grpc_unary_duration: { unit: 'seconds', scope: 'member', category: 'grpc' },
  grpc_failure_ratio: { unit: 'ratio', scope: 'member', category: 'grpc' },
};

export const MEMBERS = ['m1', 'm2', 'm3'];
const NODE: Record<string, string> = { m1: 'n1', m2: 'n2', m3: 'n3' };
const MB = 1024 ** 2;

export function row(metric: string, member: string, stats: Partial<Record<Statistic, number | null>>, extra: Partial<MetricSummary> = {}): MetricSummary {
  const meta = META[metric];
  if (!meta) throw new Error(`fixture metric ${metric} unknown`);
  const node = meta.scope === 'node' ? member : meta.scope === 'pair' ? NODE[member.split('→')[0]] : NODE[member];
  return { metric, title: metric, member, ...(node ? { node } : {}), stats, ...meta, ...extra };
}

export function healthyCluster(): MetricSummary[] {
  const rows: MetricSummary[] = [];
  for (const m of MEMBERS) {
    rows.push(
      row('member_up', m, { latest: 1, min: 1, avg: 1 }),
      row('wal_fsync_duration', m, { p50: 0.002, p99: 0.005, max: 0.007 }),
      row('backend_commit_duration', m, { p50: 0.004, p99: 0.009, max: 0.012 }),
      row('process_cpu_percent', m, { avg: 8, max: 15 }),
      row('node_cpu_percent', NODE[m], { avg: 20, max: 35 }),
      row('node_iowait_percent', NODE[m], { avg: 1, max: 2 }),
      row('has_leader', m, { latest: 1, min: 1, avg: 1 }),
      row('leader_changes', m, { increase: 0 }),
      row('process_uptime_seconds', m, { latest: 86400 }),
      row('db_quota_percent', m, { latest: 0.3, max: 0.3 }),
      row('db_size_bytes', m, { latest: 6 * MB }),
      row('db_in_use_bytes', m, { latest: 5 * MB }),
      row('db_quota_bytes', m, { latest: 2048 * MB }),
      row('db_fragmentation_ratio', m, { latest: 0.17 }),
      row('grpc_unary_duration', m, { p99: 0.01, max: 0.02 }),
    );
    for (const peer of MEMBERS.filter((p) => p !== m)) rows.push(row('peer_rtt', `${m}→${peer}`, { p50: 0.002, p99: 0.006, max: 0.008 }, { labels: { To: peer, peer } }));
  }
  return rows;
}

/** Replaces (or adds) the stats of one row. */
export function set(rows: MetricSummary[], metric: string, member: string, stats: Partial<Record<Statistic, number | null>>, extra: Partial<MetricSummary> = {}): MetricSummary[] {
  const i = rows.findIndex((r) => r.metric === metric && r.member === member);
  const next = i >= 0 ? { ...rows[i], stats: { ...rows[i].stats, ...stats }, ...extra } : row(metric, member, stats, extra);
  return i >= 0 ? [...rows.slice(0, i), next, ...rows.slice(i + 1)] : [...rows, next];
}

/** Drops every row of a member (a member whose metrics are gone). */
export function without(rows: MetricSummary[], metric: string, member?: string): MetricSummary[] {
  return rows.filter((r) => !(r.metric === metric && (member === undefined || r.member === member)));
}

export { NODE, MB };
