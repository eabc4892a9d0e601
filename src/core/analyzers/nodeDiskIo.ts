// get_node_disk_io: disk throughput, IOPS, latency, utilisation, iowait and I/O pressure of the nodes hosting etcd.
import { commonInput } from './input';
import type { Analyzer } from './types';
import type { MetricSummary } from '../types';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, perMember, verdictPhrase, worstPhrase } from './summaryText';
import { metricIdsOf } from '../metrics/catalog';

export const nodeDiskIoAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_node_disk_io',
  title: 'Node disk I/O',
  description:
    'Disk I/O of the nodes that host etcd, from node-exporter: read/write throughput and IOPS per device, read/write ' +
    'latency, device utilisation, CPU iowait and I/O pressure (PSI), with findings when iowait is above 10 %. Returns ' +
    'per-node (and per-device) summaries and time series. Use it to confirm a disk bottleneck suspected from WAL fsync or ' +
    'backend commit latency, or for noisy-neighbour I/O. Needs node-exporter; it says so when there is none.',
  inputSchema: commonInput,
  topic: 'node disk throughput, IOPS, latency and iowait',
  keywords: { pattern: /\b(disk|iops|i\/o|io|iowait|throughput)\b/i, precedence: 40 },
  slash: { command: 'disk', description: 'Node disk throughput, IOPS, latency, utilisation, iowait', followups: ['wal', 'commit'] },
  explains: ['disk'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    // member_up only to learn which member runs on which node (the rows carry `node`).
    const c = await collectAndEvaluate(ctx, range, input, {
      metrics: [...metricIdsOf('disk'), 'member_up'],
      seriesOf: ['disk_write_bytes_rate', 'disk_write_latency_seconds', 'node_iowait_percent', 'disk_utilisation_percent'],
      categories: ['disk'],
    });
    const nodeRows = c.metrics.filter((r) => r.scope === 'node');
    const hosts = hostsOf(c.metrics);
    const m = nodeRows;
    const summary = m.length
      ? `Over ${range.duration} (nodes: ${Object.entries(hosts).map(([n, ms]) => `${n} hosts ${ms.join(', ')}`).join('; ') || [...new Set(m.map((r) => r.member))].join(', ')}): ` +
        `iowait avg ${perMember(m, 'node_iowait_percent', 'avg') || 'no data'} (target < ${ctx.thresholds.iowaitPercent.warning} %); ` +
        `write latency worst ${worstPhrase(m, 'disk_write_latency_seconds', 'avg')}; utilisation worst ${worstPhrase(m, 'disk_utilisation_percent', 'avg')}; ` +
        `write throughput worst ${worstPhrase(m, 'disk_write_bytes_rate', 'avg')}, write IOPS worst ${worstPhrase(m, 'disk_write_iops', 'avg')}; ` +
        `I/O pressure ${perMember(m, 'io_pressure_percent', 'avg') || 'no data'}. ${verdictPhrase(c.findings)}` +
        errorsPhrase(c.errors)
      : `No node-exporter disk data over ${range.duration} with node selector ${ctx.profile.nodeMatchers()}: check that node-exporter runs on the etcd nodes and the selector matches it.${errorsPhrase(c.errors)}`;
    return evaluatedResult(nodeDiskIoAnalyzer, range, { ...c, metrics: nodeRows }, summary, { membersByNode: hosts });
  },
};

/** node → members it hosts, from member rows that carry a node. */
export function hostsOf(metrics: readonly MetricSummary[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const r of metrics) if (r.scope === 'member' && r.node) (out[r.node] ??= new Set()).add(r.member);
  return Object.fromEntries(Object.entries(out).map(([n, s]) => [n, [...s].sort()]));
}
