// What a stored metric means for trends and baselines: which way is worse, which finding category it belongs to,
// which threshold grades it, and which statistic to look at when the caller does not say.
import type { FindingCategory, MetricCategory, Statistic, Unit } from '../../types';
import type { MetricDef } from '../../metrics/types';
import type { LevelKey } from '../../analysis/thresholds';

export type Direction = 'higher_worse' | 'lower_worse' | 'neutral';

/** Throughput and inventory: a change is news, not a regression. */
const NEUTRAL = new Set([
  'proposals_committed_rate', 'proposals_applied_rate', 'mvcc_put_rate', 'mvcc_delete_rate', 'wal_fsync_rate',
  'backend_commit_rate', 'disk_read_bytes_rate', 'disk_write_bytes_rate', 'disk_read_iops', 'disk_write_iops',
  'peer_sent_bytes_rate', 'peer_received_bytes_rate', 'client_grpc_received_bytes_rate', 'client_grpc_sent_bytes_rate',
  'node_network_rx_bytes_rate', 'node_network_tx_bytes_rate', 'grpc_request_rate', 'keys_total', 'db_quota_bytes',
  'is_leader', 'compactions', 'compacted_keys', 'watch_streams', 'snapshot_saves', 'defrags',
]);
const LOWER_WORSE = new Set(['has_leader', 'member_up', 'active_peers']);

export function directionOf(metric: string): Direction {
  if (NEUTRAL.has(metric)) return 'neutral';
  if (LOWER_WORSE.has(metric)) return 'lower_worse';
  return 'higher_worse';
}

const GENERAL_CATEGORY: Record<string, FindingCategory> = {
  process_cpu_percent: 'cpu',
  node_cpu_percent: 'cpu',
  process_memory_bytes: 'memory',
  node_memory_percent: 'memory',
  node_major_page_faults_rate: 'memory',
  db_fragmentation_ratio: 'fragmentation',
  leader_changes: 'leader',
  has_leader: 'leader',
  is_leader: 'leader',
  member_up: 'availability',
  health_failures_rate: 'availability',
  heartbeat_failures_rate: 'network',
};

const BY_METRIC_CATEGORY: Record<MetricCategory, FindingCategory> = {
  general: 'proposals',
  wal_fsync: 'disk',
  backend_commit: 'disk',
  compact_defrag: 'disk',
  disk: 'disk',
  network: 'network',
  grpc: 'grpc',
};

export function findingCategoryOf(def: MetricDef): FindingCategory {
  if (GENERAL_CATEGORY[def.id]) return GENERAL_CATEGORY[def.id];
  if (def.id.startsWith('db_')) return 'quota';
  return BY_METRIC_CATEGORY[def.category];
}

/** Threshold that grades (metric, statistic), when the project has one. */
export function levelKeyOf(metric: string, stat: Statistic): LevelKey | undefined {
  const latency: Record<string, LevelKey> = {
    wal_fsync_duration: 'walFsyncP99Seconds',
    backend_commit_duration: 'backendCommitP99Seconds',
    peer_rtt: 'peerRttP99Seconds',
    grpc_unary_duration: 'grpcUnaryP99Seconds',
  };
  if (latency[metric]) return stat === 'p99' || stat === 'max' ? latency[metric] : undefined;
  const plain: Record<string, LevelKey> = {
    node_cpu_percent: 'cpuPercent',
    node_memory_percent: 'memoryPercent',
    node_iowait_percent: 'iowaitPercent',
    db_quota_percent: 'dbQuotaPercent',
    grpc_failure_ratio: 'grpcFailureRatio',
    proposals_pending: 'pendingProposals',
    proposals_failed_rate: 'proposalsFailedPerSecond',
    slow_applies_rate: 'slowAppliesPerSecond',
    db_fragmentation_ratio: 'fragmentationRatio',
    db_size_bytes: 'dbSizeBytes',
  };
  return plain[metric];
}

/** p99 when the metric has it (the brief's default), else avg, increase, latest, or its first statistic. */
export function defaultStatistic(def: MetricDef): Statistic {
  for (const s of ['p99', 'avg', 'increase', 'latest'] as const) if (def.stats.includes(s)) return s;
  return def.stats[0];
}

/** Differences smaller than this are noise whatever the percentage (1 µs vs 2 µs is +100 % and nothing). */
export function absoluteFloor(unit: Unit): number {
  switch (unit) {
    case 'seconds':
      return 0.0005;
    case 'percent':
      return 1;
    case 'ratio':
      return 0.01;
    case 'bytes':
      return 1024 * 1024;
    case 'bytes_per_second':
      return 1024;
    case 'per_second':
      return 0.01;
    case 'bool':
      return 0.5;
    case 'count':
    default:
      return 1;
  }
}
