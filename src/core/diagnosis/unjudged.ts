// Signals the diagnosis needs and could not judge, each with why: no series at all, a failed query, no finite
// sample (NaN/Inf), bad data (negative latency, a start time in the future), or a member that Prometheus scrapes
// but that exports no etcd metrics. A signal listed here is never called healthy.
import type { Finding, MetricSummary, QueryError, Statistic, Unjudged } from '../types';
import { membersIn, statOf, summariesOf } from '../analysis/metricLookup';

interface Needed {
  metric: string;
  stats: Statistic[];
  /** What the reader calls it. */
  signal: string;
  /** Only meaningful with at least this many members (peer links need two). */
  minMembers?: number;
}

/** What the chains need to tell causes apart: availability, disk, CPU, network, leadership, quota. */
export const NEEDED: readonly Needed[] = [
  { metric: 'member_up', stats: ['latest', 'min'], signal: 'member availability (up)' },
  { metric: 'wal_fsync_duration', stats: ['p99', 'max'], signal: 'WAL fsync latency' },
  { metric: 'backend_commit_duration', stats: ['p99', 'max'], signal: 'backend commit latency' },
  { metric: 'process_cpu_percent', stats: ['avg', 'max'], signal: 'etcd process CPU' },
  { metric: 'peer_rtt', stats: ['p99', 'max'], signal: 'peer round-trip time', minMembers: 2 },
  { metric: 'has_leader', stats: ['latest', 'min'], signal: 'leadership (has_leader)' },
  { metric: 'db_quota_percent', stats: ['latest', 'max'], signal: 'DB size against quota' },
];

export function findUnjudged(metrics: readonly MetricSummary[], findings: readonly Finding[], errors: readonly QueryError[]): Unjudged[] {
  const out: Unjudged[] = [];
  const members = membersIn(metrics);
  // A member already diagnosed as down has no data because it is down: that is judged, not missing.
  const down = new Set(findings.filter((f) => f.rule === 'member_down').map((f) => f.member));
  for (const n of NEEDED) {
    if (n.minMembers && members.length < n.minMembers) continue;
    const rows = summariesOf(metrics, n.metric);
    if (!rows.length) {
      const err = errors.find((e) => e.metric === n.metric);
      out.push({
        signal: n.signal,
        reason: err
          ? `its query failed (${err.kind}: ${err.message.slice(0, 120)})`
          : 'no series in the window: the metric is not exported by this etcd, not scraped, or the selector does not match',
      });
      continue;
    }
    const judged = rows.filter((r) => n.stats.some((s) => statOf(r, s) !== null || r.aboveTop?.includes(s)));
    if (!judged.length) {
      out.push({ signal: n.signal, reason: `no finite sample in the window (every value is NaN, ±Inf or empty) for ${rows.length} series` });
      continue;
    }
    if (rows[0].scope === 'member') {
      for (const r of rows) {
        if (judged.includes(r) || down.has(r.member)) continue;
        out.push({ signal: n.signal, member: r.member, reason: 'no finite sample for this member in the window (NaN, ±Inf or empty)' });
      }
    }
  }
  out.push(...badData(metrics), ...scrapedWithoutEtcd(metrics, down));
  return out;
}

/** Negative latencies and negative uptimes (a start time in the future) are broken data, not good values. */
function badData(metrics: readonly MetricSummary[]): Unjudged[] {
  const out: Unjudged[] = [];
  for (const m of metrics) {
    if (m.unit !== 'seconds') continue;
    const neg = Object.entries(m.stats).filter(([, v]) => typeof v === 'number' && v < 0);
    if (!neg.length) continue;
    const [stat, v] = neg[0];
    out.push({
      signal: m.metric,
      member: m.member,
      reason:
        m.metric === 'process_uptime_seconds'
          ? `bad data: the process start time is in the future (uptime ${v} s): a clock or exporter problem`
          : `bad data: negative ${stat} latency ${v} s, which no measurement can produce (a broken exporter or recording rule)`,
    });
  }
  return out;
}

/** Contradictory data: a member Prometheus scrapes (up = 1) that has no etcd series at all. */
function scrapedWithoutEtcd(metrics: readonly MetricSummary[], down: ReadonlySet<string>): Unjudged[] {
  const etcdMembers = new Set(metrics.filter((m) => m.scope === 'member' && m.metric !== 'member_up').map((m) => m.member));
  if (!etcdMembers.size) return [];
  return summariesOf(metrics, 'member_up')
    .filter((u) => (statOf(u, 'latest') ?? 0) >= 0.5 && !etcdMembers.has(u.member) && !down.has(u.member))
    .map((u) => ({
      signal: 'etcd metrics',
      member: u.member,
      reason: 'Prometheus scrapes this target (up = 1) but it exports no etcd metric: it is not an etcd member, or the etcd selector catches another job',
    }));
}
