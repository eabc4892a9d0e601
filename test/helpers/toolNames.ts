// The 15 tool names of the architecture, written out once: the registry unit test and the MCP tests compare the
// engine's list against this independent copy (so it is deliberately not imported from the registry).
export const EXPECTED_TOOLS = [
  'get_server_health',
  'get_etcd_cluster_status',
  'get_ocp_cluster_info',
  'get_ocp_node_usage',
  'get_etcd_general_info',
  'get_etcd_disk_wal_fsync',
  'get_etcd_disk_backend_commit',
  'get_etcd_disk_compact_defrag',
  'get_node_disk_io',
  'get_etcd_network_io',
  'get_etcd_performance_deep_drive',
  'get_etcd_bottleneck_analysis',
  'generate_etcd_performance_report',
  'get_etcd_history_trends',
  'compare_etcd_to_baseline',
];
