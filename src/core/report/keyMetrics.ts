// Key metrics graded against thresholds (pass / warn / fail), shared by the report model and the dashboard table.
import type { MetricSummary, Statistic, Unit } from '../types';
import { CRITICAL_INCLUSIVE, type Level, type LevelKey, type Thresholds } from '../analysis/thresholds';
import type { KeyMetricRow, Verdict } from './modelTypes';

export interface KeyMetricDef {
  metric: string;
  title: string;
  unit: Unit;
  /** Statistics to grade, first present wins (the analyzer may not compute every one). */
  statistics: Statistic[];
  level: LevelKey;
}

export const KEY_METRICS: readonly KeyMetricDef[] = [
  { metric: 'wal_fsync_duration', title: 'WAL fsync p99', unit: 'seconds', statistics: ['p99'], level: 'walFsyncP99Seconds' },
  { metric: 'backend_commit_duration', title: 'Backend commit p99', unit: 'seconds', statistics: ['p99'], level: 'backendCommitP99Seconds' },
  { metric: 'peer_rtt', title: 'Peer round-trip p99', unit: 'seconds', statistics: ['p99'], level: 'peerRttP99Seconds' },
  { metric: 'process_cpu_percent', title: 'Member CPU (avg)', unit: 'percent', statistics: ['avg', 'latest'], level: 'cpuPercent' },
  { metric: 'node_cpu_percent', title: 'Node CPU (avg)', unit: 'percent', statistics: ['avg', 'latest'], level: 'cpuPercent' },
  { metric: 'node_memory_percent', title: 'Node memory (max)', unit: 'percent', statistics: ['max', 'latest', 'avg'], level: 'memoryPercent' },
  { metric: 'node_iowait_percent', title: 'Node iowait (avg)', unit: 'percent', statistics: ['avg', 'max'], level: 'iowaitPercent' },
  { metric: 'leader_changes', title: 'Leader changes', unit: 'count', statistics: ['increase', 'max'], level: 'leaderChanges' },
  { metric: 'proposals_failed_rate', title: 'Failed proposals', unit: 'per_second', statistics: ['avg', 'rate', 'max'], level: 'proposalsFailedPerSecond' },
  { metric: 'proposals_pending', title: 'Pending proposals (max)', unit: 'count', statistics: ['max', 'latest'], level: 'pendingProposals' },
  { metric: 'grpc_failure_ratio', title: 'gRPC failure ratio', unit: 'ratio', statistics: ['avg', 'latest', 'max'], level: 'grpcFailureRatio' },
  { metric: 'grpc_unary_duration', title: 'gRPC unary p99', unit: 'seconds', statistics: ['p99'], level: 'grpcUnaryP99Seconds' },
  { metric: 'db_quota_percent', title: 'DB size / quota', unit: 'percent', statistics: ['latest', 'max'], level: 'dbQuotaPercent' },
  { metric: 'db_fragmentation_ratio', title: 'DB fragmentation', unit: 'ratio', statistics: ['latest', 'avg'], level: 'fragmentationRatio' },
  { metric: 'db_size_bytes', title: 'DB size', unit: 'bytes', statistics: ['latest', 'max'], level: 'dbSizeBytes' },
  { metric: 'peer_sent_failures_rate', title: 'Peer send failures', unit: 'per_second', statistics: ['avg', 'rate', 'max'], level: 'peerSentFailuresPerSecond' },
  { metric: 'slow_applies_rate', title: 'Slow applies', unit: 'per_second', statistics: ['avg', 'rate', 'max'], level: 'slowAppliesPerSecond' },
  { metric: 'heartbeat_failures_rate', title: 'Heartbeat send failures', unit: 'per_second', statistics: ['avg', 'rate', 'max'], level: 'heartbeatFailuresPerSecond' },
];

/** Same grading as the findings: warn at/above the healthy target; fail past the alert level (inclusive for some keys). */
export function verdictOf(value: number | null | undefined, level: Level | undefined, key?: LevelKey): Verdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no_data';
  if (!level) return 'pass';
  if (key && CRITICAL_INCLUSIVE.has(key) ? value >= level.critical : value > level.critical) return 'fail';
  if (value >= level.warning) return 'warn';
  return 'pass';
}

/** The value of the first listed statistic the summary carries (null when present but empty). */
export function pickStat(m: MetricSummary, stats: readonly Statistic[]): { statistic: Statistic; value: number | null } | undefined {
  for (const s of stats) {
    if (s in m.stats) return { statistic: s, value: m.stats[s] ?? null };
  }
  return undefined;
}

/** One row per key metric present in the data: the worst member's value and its verdict. */
export function gradeKeyMetrics(metrics: readonly MetricSummary[], thresholds: Thresholds): KeyMetricRow[] {
  const rows: KeyMetricRow[] = [];
  for (const def of KEY_METRICS) {
    const level = thresholds[def.level];
    let worst: { member: string; statistic: Statistic; value: number | null } | undefined;
    let compared = 0;
    let allEqual = true;
    for (const m of metrics) {
      if (m.metric !== def.metric) continue;
      const picked = pickStat(m, def.statistics);
      if (!picked) continue;
      compared++;
      if (worst && picked.value !== worst.value) allEqual = false;
      const better = worst === undefined || (picked.value !== null && (worst.value === null || picked.value > worst.value));
      if (better) worst = { member: m.member, ...picked };
    }
    if (!worst) continue;
    rows.push({
      metric: def.metric,
      title: def.title,
      unit: def.unit,
      statistic: worst.statistic,
      // When every member has the same value, naming one would suggest it stands out.
      member: compared > 1 && allEqual ? `all ${compared}` : worst.member,
      value: worst.value,
      warning: level.warning,
      critical: level.critical,
      verdict: verdictOf(worst.value, level, def.level),
      compared,
    });
  }
  return rows;
}
