// The @etcd slash commands: each runs analyzers directly (no language model). Mirrored in package.json.
export interface SlashCommand {
  name: string;
  description: string;
  analyzers: string[];
  /** Follow-up slash commands suggested after this one. */
  followups: string[];
}

export const SLASH_COMMANDS: SlashCommand[] = [
  { name: 'status', description: 'Cluster status: members, leader, health, versions, alarms', analyzers: ['get_server_health', 'get_etcd_cluster_status'], followups: ['bottlenecks', 'general'] },
  { name: 'general', description: 'Per-member CPU, memory, DB size, proposals, leader changes', analyzers: ['get_etcd_general_info'], followups: ['bottlenecks', 'compact'] },
  { name: 'wal', description: 'WAL fsync latency p50/p90/p99 per member', analyzers: ['get_etcd_disk_wal_fsync'], followups: ['commit', 'disk'] },
  { name: 'commit', description: 'Backend commit latency p50/p90/p99 per member', analyzers: ['get_etcd_disk_backend_commit'], followups: ['wal', 'disk'] },
  { name: 'disk', description: 'Node disk throughput, IOPS, latency, utilisation, iowait', analyzers: ['get_node_disk_io'], followups: ['wal', 'commit'] },
  { name: 'network', description: 'Peer RTT per pair, peer and client traffic, failures', analyzers: ['get_etcd_network_io'], followups: ['bottlenecks', 'status'] },
  { name: 'compact', description: 'Compaction, defragmentation, fragmentation, snapshots', analyzers: ['get_etcd_disk_compact_defrag'], followups: ['general', 'bottlenecks'] },
  { name: 'deep', description: 'Every metric category with per-member comparison and outliers', analyzers: ['get_etcd_performance_deep_drive'], followups: ['bottlenecks', 'report'] },
  { name: 'bottlenecks', description: 'Findings: severity, member, evidence, root cause, recommendation', analyzers: ['get_etcd_bottleneck_analysis'], followups: ['deep', 'report'] },
  { name: 'report', description: 'The full performance report', analyzers: ['generate_etcd_performance_report'], followups: ['bottlenecks', 'history'] },
  { name: 'history', description: 'Trends over stored runs (metric=<id>, e.g. wal_fsync_duration)', analyzers: ['get_etcd_history_trends'], followups: ['bottlenecks', 'report'] },
  { name: 'help', description: 'What @etcd can do', analyzers: [], followups: ['status', 'bottlenecks'] },
];

export function findSlashCommand(name: string | undefined): SlashCommand | undefined {
  return name ? SLASH_COMMANDS.find((c) => c.name === name) : undefined;
}
