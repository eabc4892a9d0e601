// General member health: CPU, memory, DB size/quota, keys, leadership, proposals, slow operations, MVCC traffic.
// Member CPU/memory come from etcd's own process metrics (cAdvisor is not there on a generic Prometheus).
import type { MetricDef, QueryParams } from '../types';
import type { Unit } from '../../types';
import { byEtcd, byGeneration, byNode, counterRate, etcdIncrease, etcdRate, etcdSel, nodeSel, orFallback } from '../build';
import { counter, gauge, seriesGauge, windowed } from '../kinds';

const g = 'general' as const;

/** Physical DB file size: `etcd_mvcc_db_total_size_in_bytes`, or `etcd_debugging_mvcc_db_total_size_in_bytes` on older releases. */
function dbSizeSelectors(p: QueryParams): string[] {
  return byGeneration(p, { v34: 'etcd_debugging_mvcc_db_total_size_in_bytes', v35: 'etcd_mvcc_db_total_size_in_bytes' }).map((n) =>
    etcdSel(p, n),
  );
}

function dbSize(p: QueryParams): string {
  return `max ${byEtcd()} (${dbSizeSelectors(p).join(' or ')})`;
}

function dbInUse(p: QueryParams): string {
  return `max ${byEtcd()} (${etcdSel(p, 'etcd_mvcc_db_total_size_in_use_in_bytes')})`;
}

function dbQuota(p: QueryParams): string {
  return `max ${byEtcd()} (${etcdSel(p, 'etcd_server_quota_backend_bytes')})`;
}

/** One stored etcd series per member, kept per identity (`max`: there is one value per member anyway). */
function memberGauge(o: { id: string; title: string; unit: Unit; description: string; series: string }): MetricDef {
  const { series, ...rest } = o;
  return seriesGauge({ ...rest, category: g, scope: 'member', agg: 'max', by: byEtcd(), selectors: (p) => [etcdSel(p, series)] });
}

/** Rate of an etcd counter, with optional older names tried after the first. */
function memberRate(...names: string[]) {
  return (p: QueryParams, w: string) => orFallback(...names.map((n) => etcdRate(p, n, w)));
}

export const generalMetrics: MetricDef[] = [
  windowed({
    id: 'process_cpu_percent',
    title: 'etcd process CPU',
    category: g,
    scope: 'member',
    unit: 'percent',
    description: 'CPU used by the etcd process, in percent of one core (process_cpu_seconds_total). Above 100 means more than one core.',
    over: (p, w) => `100 * ${etcdRate(p, 'process_cpu_seconds_total', w)}`,
  }),
  memberGauge({
    id: 'process_memory_bytes',
    title: 'etcd process memory (RSS)',
    unit: 'bytes',
    description: 'Resident memory of the etcd process (process_resident_memory_bytes). It should cover the DB size.',
    series: 'process_resident_memory_bytes',
  }),
  windowed({
    id: 'node_cpu_percent',
    title: 'Node CPU busy',
    category: g,
    scope: 'node',
    unit: 'percent',
    description: 'CPU busy on the node (100 − idle, averaged over all CPUs; iowait counts as busy), from node-exporter.',
    over: (p, w) => `100 * (1 - avg ${byNode()} (${counterRate(p, nodeSel(p, 'node_cpu_seconds_total', 'mode="idle"'), w)}))`,
  }),
  gauge({
    id: 'node_memory_percent',
    title: 'Node memory used',
    category: g,
    scope: 'node',
    unit: 'percent',
    description: 'Memory in use on the node: 100 × (1 − MemAvailable / MemTotal), from node-exporter.',
    value: (p) =>
      `100 * (1 - sum ${byNode()} (${nodeSel(p, 'node_memory_MemAvailable_bytes')}) / sum ${byNode()} (${nodeSel(p, 'node_memory_MemTotal_bytes')}))`,
  }),
  seriesGauge({
    id: 'db_size_bytes',
    title: 'DB size (physical)',
    category: g,
    scope: 'member',
    unit: 'bytes',
    description: 'Size of the backend database file, including free pages that a defragmentation would reclaim.',
    agg: 'max',
    by: byEtcd(),
    selectors: dbSizeSelectors,
  }),
  seriesGauge({
    id: 'db_in_use_bytes',
    title: 'DB size in use (logical)',
    category: g,
    scope: 'member',
    unit: 'bytes',
    description: 'Bytes of the backend database actually in use (etcd_mvcc_db_total_size_in_use_in_bytes).',
    agg: 'max',
    by: byEtcd(),
    selectors: (p) => [etcdSel(p, 'etcd_mvcc_db_total_size_in_use_in_bytes')],
  }),
  seriesGauge({
    id: 'db_quota_bytes',
    title: 'DB quota',
    category: g,
    scope: 'member',
    unit: 'bytes',
    description: 'Backend quota (--quota-backend-bytes; 2 GiB by default). Reaching it raises the NOSPACE alarm.',
    agg: 'max',
    by: byEtcd(),
    selectors: (p) => [etcdSel(p, 'etcd_server_quota_backend_bytes')],
  }),
  gauge({
    id: 'db_quota_percent',
    title: 'DB size / quota',
    category: g,
    scope: 'member',
    unit: 'percent',
    description: 'Physical DB size as a percentage of the quota. At 100 % etcd raises NOSPACE and refuses writes.',
    value: (p) => `100 * ${dbSize(p)} / ${dbQuota(p)}`,
  }),
  gauge({
    id: 'db_fragmentation_ratio',
    title: 'DB fragmentation',
    category: g,
    scope: 'member',
    unit: 'ratio',
    description: 'Share of the DB file not in use (1 − in_use / size); a defragmentation would give it back.',
    value: (p) => `1 - ${dbInUse(p)} / ${dbSize(p)}`,
  }),
  memberGauge({
    id: 'keys_total',
    title: 'Keys',
    unit: 'count',
    description: 'Number of keys in the MVCC store (etcd_debugging_mvcc_keys_total).',
    series: 'etcd_debugging_mvcc_keys_total',
  }),
  memberGauge({
    id: 'has_leader',
    title: 'Has a leader',
    unit: 'bool',
    description: 'Whether the member sees a leader (1) or not (0). min < 1 means it lost the leader at some point.',
    series: 'etcd_server_has_leader',
  }),
  memberGauge({
    id: 'is_leader',
    title: 'Is the leader',
    unit: 'bool',
    description: 'Whether the member is the raft leader (1) or a follower (0).',
    series: 'etcd_server_is_leader',
  }),
  counter({
    id: 'leader_changes',
    title: 'Leader changes',
    category: g,
    scope: 'member',
    unit: 'count',
    description: 'Leader changes seen by the member in the window. The counter restarts with the member.',
    increase: (p, w) => etcdIncrease(p, 'etcd_server_leader_changes_seen_total', w),
  }),
  windowed({
    id: 'proposals_committed_rate',
    title: 'Proposals committed',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Raft proposals committed per second.',
    over: memberRate('etcd_server_proposals_committed_total'),
  }),
  windowed({
    id: 'proposals_applied_rate',
    title: 'Proposals applied',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Raft proposals applied per second; a lasting gap to the committed rate means applies fall behind.',
    over: memberRate('etcd_server_proposals_applied_total'),
  }),
  seriesGauge({
    id: 'proposals_pending',
    title: 'Proposals pending',
    category: g,
    scope: 'member',
    unit: 'count',
    description: 'Proposals waiting to commit. Should be about 0; sustained values mean the cluster cannot keep up.',
    agg: 'sum',
    by: byEtcd(),
    selectors: (p) => [etcdSel(p, 'etcd_server_proposals_pending')],
  }),
  windowed({
    id: 'proposals_failed_rate',
    title: 'Proposals failed',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Failed raft proposals per second (usually leader elections or a lost quorum).',
    over: memberRate('etcd_server_proposals_failed_total'),
  }),
  windowed({
    id: 'slow_applies_rate',
    title: 'Slow applies',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Applies that took longer than expected (etcd logs "apply request took too long"): slow disk or expensive requests.',
    over: memberRate('etcd_server_slow_apply_total'),
  }),
  windowed({
    id: 'slow_read_indexes_rate',
    title: 'Slow read indexes',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Linearizable reads whose read index was slow (etcd_server_slow_read_indexes_total).',
    over: memberRate('etcd_server_slow_read_indexes_total'),
  }),
  windowed({
    id: 'heartbeat_failures_rate',
    title: 'Heartbeat send failures',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Leader heartbeats that could not be sent in time: an overloaded leader, slow disk or network.',
    over: memberRate('etcd_server_heartbeat_send_failures_total'),
  }),
  windowed({
    id: 'health_failures_rate',
    title: 'Health check failures',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Failed /health checks of the member (etcd_server_health_failures).',
    over: memberRate('etcd_server_health_failures'),
  }),
  windowed({
    id: 'mvcc_put_rate',
    title: 'MVCC puts',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Keys written per second in the MVCC store.',
    over: memberRate('etcd_mvcc_put_total', 'etcd_debugging_mvcc_put_total'),
  }),
  windowed({
    id: 'mvcc_delete_rate',
    title: 'MVCC deletes',
    category: g,
    scope: 'member',
    unit: 'per_second',
    description: 'Keys deleted per second in the MVCC store.',
    over: memberRate('etcd_mvcc_delete_total', 'etcd_debugging_mvcc_delete_total'),
  }),
  gauge({
    id: 'process_uptime_seconds',
    title: 'etcd process uptime',
    category: g,
    scope: 'member',
    unit: 'seconds',
    description:
      'Time since the etcd process started (time() − process_start_time_seconds) at the window\'s end. When every member ' +
      'started inside the window, its leader changes are the cluster\'s own start-up (or a whole-cluster restart), not churn.',
    stats: ['latest'],
    value: (p) => `time() - max ${byEtcd()} (${etcdSel(p, 'process_start_time_seconds')})`,
  }),
  memberGauge({
    id: 'member_up',
    title: 'Member scraped',
    unit: 'bool',
    description: "Whether Prometheus could scrape the member's metrics (up). min < 1 means it was down or unreachable for a while.",
    series: 'up',
  }),
  windowed({
    id: 'node_major_page_faults_rate',
    title: 'Node major page faults',
    category: g,
    scope: 'node',
    unit: 'per_second',
    description: 'Major page faults per second on the node (pages read back from disk): memory pressure.',
    over: (p, w) => `sum ${byNode()} (${counterRate(p, nodeSel(p, 'node_vmstat_pgmajfault'), w)})`,
  }),
];
