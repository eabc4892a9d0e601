// What a tool call is about to query, in one line for the chat UI ("WAL fsync p99 for all members over 1h").
// Pure (no vscode import) so it is unit-testable.

/** The headline numbers each analyzer reads; falls back to the analyzer's title for ones not listed. */
const TOPIC: Record<string, string> = {
  get_server_health: 'Prometheus reachability, etcd targets per member and versions',
  get_etcd_cluster_status: 'members, leader, raft term/index, DB size and alarms',
  get_ocp_cluster_info: 'cluster version, platform and nodes',
  get_ocp_node_usage: 'CPU and memory of the nodes hosting etcd',
  get_etcd_general_info: 'CPU, memory, DB size, proposals and leader changes',
  get_etcd_disk_wal_fsync: 'WAL fsync p50/p90/p99',
  get_etcd_disk_backend_commit: 'backend commit p50/p90/p99',
  get_etcd_disk_compact_defrag: 'compaction, defrag and snapshot durations and counts',
  get_node_disk_io: 'node disk throughput, IOPS, latency and iowait',
  get_etcd_network_io: 'peer RTT p99 per pair, peer/client traffic and failures',
  get_etcd_performance_deep_drive: 'every metric category with per-member comparison',
  get_etcd_bottleneck_analysis: 'all bottleneck rules (disk, network, CPU, leader, quota)',
  generate_etcd_performance_report: 'the full performance report',
  get_etcd_history_trends: 'stored runs for a metric trend',
  compare_etcd_to_baseline: 'now versus a baseline window',
};

export function describeInvocation(name: string, title: string, input: unknown, defaultDuration = '1h'): string {
  const i = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const what = TOPIC[name] ?? title;
  const who = typeof i.member === 'string' && i.member ? `member ${i.member}` : 'all members';
  const when =
    typeof i.start === 'string' && i.start
      ? `from ${i.start} to ${typeof i.end === 'string' && i.end ? i.end : 'now'}`
      : `over ${typeof i.duration === 'string' && i.duration ? i.duration : defaultDuration}`;
  return `etcd: ${what} for ${who} ${when}`;
}
