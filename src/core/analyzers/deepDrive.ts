// get_etcd_performance_deep_drive: every category in one collection, a per-member comparison and outlier members.
import { commonInput } from './input';
import type { Analyzer } from './types';
import type { MetricSummary, Statistic } from '../types';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, verdictPhrase } from './summaryText';
import { metricIds } from '../metrics/catalog';
import { pairOf, statOf } from '../analysis/metricLookup';
import { formatValue } from '../util/units';
import { diagnosisOf, withDiagnosis } from '../diagnosis/attach';
import { datedDiagnosis } from './diagnosisEpisodes';
import { maxOf } from '../util/arrays';
import { nameList } from '../util/nameList';

/** The columns of the member comparison: the signals the etcd FAQ looks at first. */
const COMPARE: { key: string; metric: string; stat: Statistic; label: string }[] = [
  { key: 'wal_fsync_p99', metric: 'wal_fsync_duration', stat: 'p99', label: 'fsync p99' },
  { key: 'backend_commit_p99', metric: 'backend_commit_duration', stat: 'p99', label: 'commit p99' },
  { key: 'peer_rtt_p99_max', metric: 'peer_rtt', stat: 'p99', label: 'peer RTT p99 (worst link)' },
  { key: 'process_cpu_avg', metric: 'process_cpu_percent', stat: 'avg', label: 'CPU' },
  { key: 'process_memory', metric: 'process_memory_bytes', stat: 'latest', label: 'memory' },
  { key: 'db_size', metric: 'db_size_bytes', stat: 'latest', label: 'DB' },
  { key: 'grpc_unary_p99', metric: 'grpc_unary_duration', stat: 'p99', label: 'gRPC p99' },
];

export const SERIES_KEY_METRICS = ['wal_fsync_duration', 'backend_commit_duration', 'peer_rtt', 'process_cpu_percent', 'node_iowait_percent', 'db_size_bytes'];

export const deepDriveAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_etcd_performance_deep_drive',
  title: 'etcd performance deep drive',
  description:
    'All etcd performance signals in one pass (general, WAL fsync, backend commit, compaction/defrag, node disk, network, ' +
    'gRPC): per-member summaries, a side-by-side member comparison (fsync/commit p99, worst peer RTT, CPU, memory, DB ' +
    'size, gRPC p99), outlier members (one member far from the others, named with the others\' values), all findings, ' +
    'and time series of the key latencies. Use it for "compare my members" or a thorough look. For a ranked list of ' +
    'problems with root causes prefer get_etcd_bottleneck_analysis; for one signal use its dedicated tool.',
  inputSchema: commonInput,
  topic: 'every metric category with per-member comparison',
  keywords: { pattern: /\b(deep|everything|all metrics|full analysis)\b/i, precedence: 120 },
  slash: { command: 'deep', description: 'Every metric category with per-member comparison and outliers', followups: ['bottlenecks', 'report'] },
  roles: ['dashboard'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const c = await collectAndEvaluate(ctx, range, input, { metrics: metricIds, seriesOf: SERIES_KEY_METRICS });
    const comparison = compareMembers(c.metrics);
    const outliers = c.findings.filter((f) => f.rule.startsWith('outlier_'));
    const rows = comparison.map(
      (r) => `${r.member}: ${COMPARE.filter((k) => r.values[k.key] !== null && r.values[k.key] !== undefined).map((k) => `${k.label} ${formatValue(r.values[k.key], r.units[k.key])}`).join(', ')}`,
    );
    const summary = c.metrics.length
      ? `Member comparison over ${range.duration} — ${nameList(rows, 6, '; ')}. ` +
        `Outliers: ${outliers.length ? nameList(outliers.map((f) => f.title), 6, '; ') : 'none'}. ` +
        verdictPhrase(c.findings) +
        errorsPhrase(c.errors)
      : `No etcd data over ${range.duration}.${errorsPhrase(c.errors)}`;
    const result = evaluatedResult(deepDriveAnalyzer, range, c, summary, { comparison, outliers: outliers.map((f) => f.id) });
    return withDiagnosis(result, await datedDiagnosis(ctx, range, input, diagnosisOf(result)));
  },
};

export interface MemberComparisonRow {
  member: string;
  node?: string;
  values: Record<string, number | null>;
  units: Record<string, MetricSummary['unit']>;
}

export function compareMembers(metrics: readonly MetricSummary[]): MemberComparisonRow[] {
  const members = [...new Set(metrics.filter((m) => m.scope === 'member').map((m) => m.member))].sort();
  return members.map((member) => {
    const values: Record<string, number | null> = {};
    const units: Record<string, MetricSummary['unit']> = {};
    for (const k of COMPARE) {
      const rows = metrics.filter((m) => m.metric === k.metric && (m.scope === 'pair' ? pairOf(m).from === member : m.member === member));
      const vals = rows.map((r) => statOf(r, k.stat)).filter((v): v is number => v !== null);
      values[k.key] = vals.length ? maxOf(vals) : null;
      if (rows[0]) units[k.key] = rows[0].unit;
    }
    const node = metrics.find((m) => m.scope === 'member' && m.member === member && m.node)?.node;
    return { member, ...(node ? { node } : {}), values, units };
  });
}
