// get_ocp_node_usage: CPU and memory of the nodes hosting etcd members (node-exporter; works on any profile),
// with the etcd process's own share beside it.
import { pruneRelated } from '../analysis/evaluate';
import { commonInput } from './input';
import type { Analyzer } from './types';
import type { MetricSummary } from '../types';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, perMember, verdictPhrase } from './summaryText';
import { hostsOf } from './nodeDiskIo';

const NODE_METRICS = ['node_cpu_percent', 'node_memory_percent', 'node_major_page_faults_rate', 'node_iowait_percent'];

export const ocpNodeUsageAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_ocp_node_usage',
  title: 'etcd node CPU and memory',
  description:
    'CPU and memory use of the (control-plane) nodes that host etcd members, from node-exporter, with the etcd process CPU ' +
    'and memory beside them and major page faults; findings when a node is above 70 % (warning) or 85 % (critical). Works ' +
    'with any profile that has node-exporter. Use it for "are the masters overloaded" or noisy neighbours. For disk I/O use ' +
    'get_node_disk_io.',
  inputSchema: commonInput,
  topic: 'CPU and memory of the nodes hosting etcd',
  keywords: { pattern: /\b(node usage|nodes?)\b/i, precedence: 80 },
  explains: ['cpu', 'memory'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const c = await collectAndEvaluate(ctx, range, input, {
      metrics: [...NODE_METRICS, 'process_cpu_percent', 'process_memory_bytes'],
      seriesOf: ['node_cpu_percent', 'node_memory_percent'],
      categories: ['cpu', 'memory'],
    });
    const hosts = hostsOf(c.metrics);
    const etcdNodes = new Set(Object.keys(hosts));
    // Only nodes hosting etcd when the mapping is known; all node-exporter nodes otherwise (and say so).
    const keep = (r: MetricSummary) => r.scope !== 'node' || !etcdNodes.size || etcdNodes.has(r.member);
    const metrics = c.metrics.filter(keep);
    // Dropping findings must drop `related` links to them too.
    const findings = pruneRelated(c.findings.filter((f) => !f.rule.startsWith('node_') || !etcdNodes.size || etcdNodes.has(f.member)));
    const nodes = metrics.filter((r) => r.scope === 'node');
    const summary = nodes.length
      ? `Nodes hosting etcd over ${range.duration}${etcdNodes.size ? ` (${Object.entries(hosts).map(([n, ms]) => `${n}: ${ms.join(', ')}`).join('; ')})` : ' (member→node mapping unknown: all node-exporter nodes shown)'}: ` +
        `CPU avg ${perMember(nodes, 'node_cpu_percent', 'avg')}, max ${perMember(nodes, 'node_cpu_percent', 'max')}; memory ${perMember(nodes, 'node_memory_percent', 'avg')} ` +
        `(warning at ${ctx.thresholds.cpuPercent.warning} % CPU, ${ctx.thresholds.memoryPercent.warning} % memory). etcd process CPU ${perMember(metrics, 'process_cpu_percent', 'avg') || 'no data'}, ` +
        `memory ${perMember(metrics, 'process_memory_bytes', 'latest') || 'no data'}. ${verdictPhrase(findings)}` +
        errorsPhrase(c.errors)
      : `No node-exporter data with node selector ${ctx.profile.nodeMatchers()} over ${range.duration}: node usage needs node-exporter on the etcd nodes.${errorsPhrase(c.errors)}`;
    const series = c.series.filter((s) => !etcdNodes.size || etcdNodes.has(s.member));
    return evaluatedResult(ocpNodeUsageAnalyzer, range, { ...c, metrics, findings, series }, summary, { membersByNode: hosts });
  },
};
