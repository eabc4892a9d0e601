// Per-member comparison table with outliers marked: the "one member far from the others" view.
import type { MetricSummary, Statistic } from '../types';
import type { Level, LevelKey, Thresholds } from '../analysis/thresholds';
import type { MemberCell, MemberColumn, MemberComparison, MemberRow } from './modelTypes';
import { pickStat, verdictOf } from './keyMetrics';
import { median, pairOf } from '../analysis/metricLookup';
import { withEtcdMemberNames } from '../profiles/memberName';

interface ColumnDef extends MemberColumn {
  statistics: Statistic[];
  level?: LevelKey;
}

const COLUMNS: ColumnDef[] = [
  { metric: 'wal_fsync_duration', title: 'WAL fsync p99', unit: 'seconds', statistic: 'p99', statistics: ['p99'], level: 'walFsyncP99Seconds' },
  { metric: 'backend_commit_duration', title: 'Backend commit p99', unit: 'seconds', statistic: 'p99', statistics: ['p99'], level: 'backendCommitP99Seconds' },
  { metric: 'peer_rtt', title: 'Peer RTT p99 (worst peer)', unit: 'seconds', statistic: 'p99', statistics: ['p99'], level: 'peerRttP99Seconds' },
  { metric: 'process_cpu_percent', title: 'CPU avg', unit: 'percent', statistic: 'avg', statistics: ['avg', 'latest'], level: 'cpuPercent' },
  { metric: 'process_memory_bytes', title: 'Memory', unit: 'bytes', statistic: 'avg', statistics: ['avg', 'latest', 'max'] },
  { metric: 'node_iowait_percent', title: 'Node iowait avg', unit: 'percent', statistic: 'avg', statistics: ['avg', 'max'], level: 'iowaitPercent' },
  { metric: 'db_size_bytes', title: 'DB size', unit: 'bytes', statistic: 'latest', statistics: ['latest', 'max'], level: 'dbSizeBytes' },
  { metric: 'db_quota_percent', title: 'DB / quota', unit: 'percent', statistic: 'latest', statistics: ['latest', 'max'], level: 'dbQuotaPercent' },
  { metric: 'leader_changes', title: 'Leader changes', unit: 'count', statistic: 'increase', statistics: ['increase', 'max'], level: 'leaderChanges' },
];

/** An outlier is at least `factor` × the median of the other members, and not trivially small (≥ half the target). */
export function isOutlier(value: number | null, others: number[], factor: number, level?: Level): boolean {
  if (value === null || !others.length) return false;
  const m = median(others);
  if (level && value < level.warning / 2) return false;
  if (m <= 0) return value > 0 && !!level;
  return value >= factor * m;
}

export interface MemberInfo {
  name: string;
  isLeader?: boolean;
  healthy?: boolean;
}

export function compareMembers(
  collected: readonly MetricSummary[],
  thresholds: Thresholds,
  known: readonly MemberInfo[] = [],
): MemberComparison {
  // etcd's member names and the metrics' names are joined first, so a member is one row (see memberName.ts).
  const metrics = withEtcdMemberNames(collected, known.map((k) => k.name));
  // Members: those etcd reports, plus every member-scoped metric's member.
  const names = new Set(known.map((k) => k.name));
  const nodeToMembers = new Map<string, string[]>();
  for (const m of metrics) {
    if (m.scope !== 'member') continue;
    names.add(m.member);
    if (m.node) nodeToMembers.set(m.node, [...(nodeToMembers.get(m.node) ?? []), m.member]);
  }
  const members = [...names].sort((a, b) => a.localeCompare(b));
  const columns = COLUMNS.filter((c) => metrics.some((m) => m.metric === c.metric));

  // values[col][member] = worst value seen for that member (pairs: worst peer; nodes: the member's node).
  const values = columns.map((col) => {
    const byMember = new Map<string, number | null>();
    for (const m of metrics) {
      if (m.metric !== col.metric) continue;
      const picked = pickStat(m, col.statistics);
      if (!picked) continue;
      const targets =
        m.scope === 'pair' ? [pairOf(m).from] : m.scope === 'node' && !names.has(m.member) ? (nodeToMembers.get(m.member) ?? []) : [m.member];
      for (const t of targets) {
        const prev = byMember.get(t);
        if (prev === undefined || prev === null || (picked.value !== null && picked.value > prev)) byMember.set(t, picked.value);
      }
    }
    return byMember;
  });

  const rows: MemberRow[] = members.map((member) => {
    const info = known.find((k) => k.name === member);
    const cells: MemberCell[] = columns.map((col, ci) => {
      const value = values[ci].get(member) ?? null;
      const others = members
        .filter((o) => o !== member)
        .map((o) => values[ci].get(o))
        .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const level = col.level ? thresholds[col.level] : undefined;
      return { value, verdict: verdictOf(value, level, col.level), outlier: isOutlier(value, others, thresholds.outlierFactor, level) };
    });
    return { member, isLeader: info?.isLeader, healthy: info?.healthy, cells };
  });

  return {
    columns: columns.map(({ metric, title, unit, statistic }) => ({ metric, title, unit, statistic })),
    rows,
    outlierFactor: thresholds.outlierFactor,
  };
}

