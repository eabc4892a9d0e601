// Synthetic metric summaries of a healthy 3-member cluster (m1..m3 on nodes n1..n3), to be bent one signal at a time
// into each fault the diagnosis must recognise. Values are typical of the local test bed under light load.
import type { MetricSummary, Statistic } from '../../src/core/types';
import { getMetric } from '../../src/core/metrics/catalog';

export const MEMBERS = ['m1', 'm2', 'm3'];
const NODE: Record<string, string> = { m1: 'n1', m2: 'n2', m3: 'n3' };
const MB = 1024 ** 2;

export function row(metric: string, member: string, stats: Partial<Record<Statistic, number | null>>, extra: Partial<MetricSummary> = {}): MetricSummary {
  // Unit, scope and category as the metric catalog defines them, so the fixture cannot drift from the real rows.
  const def = getMetric(metric);
  if (!def) throw new Error(`fixture metric ${metric} is not in the metric catalog`);
  const meta = { unit: def.unit, scope: def.scope, category: def.category };
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
