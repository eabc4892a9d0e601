// The `diagnose-etcd` prompt: walks an MCP client's model through the analyzers in the order a person would use them.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FindingCategory } from '../core/types';
import { durationField } from '../core/analyzers/input';

/** Which analyzer looks deeper at each finding category. */
export const FOLLOW_UP_BY_CATEGORY: Record<FindingCategory, string[]> = {
  disk: ['get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit', 'get_node_disk_io'],
  network: ['get_etcd_network_io'],
  grpc: ['get_etcd_network_io', 'get_etcd_general_info'],
  cpu: ['get_etcd_general_info', 'get_ocp_node_usage'],
  memory: ['get_etcd_general_info', 'get_ocp_node_usage'],
  leader: ['get_etcd_cluster_status', 'get_etcd_network_io', 'get_etcd_disk_wal_fsync'],
  proposals: ['get_etcd_general_info', 'get_etcd_disk_backend_commit'],
  availability: ['get_etcd_cluster_status', 'get_server_health'],
  quota: ['get_etcd_disk_compact_defrag', 'get_etcd_cluster_status'],
  fragmentation: ['get_etcd_disk_compact_defrag'],
};

export function diagnoseInstructions(duration: string): string {
  const followUps = Object.entries(FOLLOW_UP_BY_CATEGORY)
    .map(([cat, tools]) => `   - ${cat}: ${tools.join(', ')}`)
    .join('\n');
  return [
    `Diagnose the performance of this etcd cluster over the last ${duration}, using the etcd analyzer tools in this order.`,
    `Pass duration="${duration}" to every tool.`,
    '',
    '1. Call get_server_health. If Prometheus is unreachable, unauthorised or has no etcd targets, stop and explain what to fix (use the hints in its errors).',
    '2. Call get_etcd_cluster_status for members, leader and alarms.',
    '3. Call get_etcd_bottleneck_analysis. Its findings carry a category, a severity, a member and evidence.',
    '4. For each critical or warning finding, call the analyzers for its category (once each):',
    followUps,
    '5. If a stored history exists, call compare_etcd_to_baseline to tell a regression from a long-standing condition.',
    '6. Call generate_etcd_performance_report and finish with: a one-line verdict (healthy / degraded / critical),',
    '   the key numbers per member against their targets (WAL fsync p99 < 10 ms, backend commit p99 < 25 ms,',
    '   peer RTT p99 < 50 ms, CPU and memory < 70 %), the root cause, and the recommendations in priority order.',
    '',
    'Quote numbers from the tool results only; when a tool reports errors or missing data, say so instead of guessing.',
  ].join('\n');
}

export function registerDiagnosePrompt(server: McpServer): void {
  server.registerPrompt(
    'diagnose-etcd',
    {
      title: 'Diagnose etcd performance',
      description: 'Step-by-step diagnosis: health → bottlenecks → the category analyzers the findings point to → report.',
      argsSchema: { duration: durationField.optional() },
    },
    ({ duration }) => ({
      description: `Diagnose etcd over the last ${duration ?? '1h'}`,
      messages: [{ role: 'user', content: { type: 'text', text: diagnoseInstructions(duration ?? '1h') } }],
    }),
  );
}
