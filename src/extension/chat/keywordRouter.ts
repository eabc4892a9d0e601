// With no language model, free questions are mapped to analyzers by keywords. Pure, unit-tested.

const RULES: { re: RegExp; analyzer: string }[] = [
  { re: /\b(fsync|wal)\b/i, analyzer: 'get_etcd_disk_wal_fsync' },
  { re: /\b(commit|backend)\b/i, analyzer: 'get_etcd_disk_backend_commit' },
  { re: /\b(compact\w*|defrag\w*|fragment\w*|snapshot)\b/i, analyzer: 'get_etcd_disk_compact_defrag' },
  { re: /\b(disk|iops|i\/o|io|iowait|throughput)\b/i, analyzer: 'get_node_disk_io' },
  { re: /\b(network|rtt|peer|peers|latency between|packet|drops?)\b/i, analyzer: 'get_etcd_network_io' },
  { re: /\b(leader|members?|status|alarms?|raft|term)\b/i, analyzer: 'get_etcd_cluster_status' },
  { re: /\b(cpu|memory|ram|db size|database size|quota|keys|proposals?)\b/i, analyzer: 'get_etcd_general_info' },
  { re: /\b(node usage|nodes?)\b/i, analyzer: 'get_ocp_node_usage' },
  { re: /\b(trend|trends|history|over time)\b/i, analyzer: 'get_etcd_history_trends' },
  { re: /\b(baseline|compare|regress\w*|yesterday|last week)\b/i, analyzer: 'compare_etcd_to_baseline' },
  { re: /\b(report)\b/i, analyzer: 'generate_etcd_performance_report' },
  { re: /\b(deep|everything|all metrics|full analysis)\b/i, analyzer: 'get_etcd_performance_deep_drive' },
  { re: /\b(health|reachable|prometheus|targets?|connection)\b/i, analyzer: 'get_server_health' },
  { re: /\b(slow|bottlenecks?|why|problem|issue|wrong|latency|performance)\b/i, analyzer: 'get_etcd_bottleneck_analysis' },
];

/** Analyzers for a question, most specific first, at most `max`; bottleneck analysis when nothing matches. */
export function routeByKeywords(question: string, known: readonly string[], max = 3): string[] {
  const picked: string[] = [];
  for (const { re, analyzer } of RULES) {
    if (re.test(question) && known.includes(analyzer) && !picked.includes(analyzer)) picked.push(analyzer);
  }
  if (!picked.length && known.includes('get_etcd_bottleneck_analysis')) picked.push('get_etcd_bottleneck_analysis');
  return picked.slice(0, max);
}
