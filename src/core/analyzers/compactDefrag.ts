// get_etcd_disk_compact_defrag: compaction/defrag/snapshot durations and counts, with DB fragmentation and quota.
import { commonInput } from './input';
import type { Analyzer } from './types';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, perMember, verdictPhrase } from './summaryText';
import { metricIdsOf } from '../metrics/catalog';

export const compactDefragAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_etcd_disk_compact_defrag',
  title: 'etcd compaction and defragmentation',
  description:
    'Per etcd member: compactions and defragmentations in the window with their durations, keys compacted, snapshot saves ' +
    'and durations, plus DB size, in-use size, fragmentation (1 − in_use/size) and quota use. Findings say when a member ' +
    'should be defragmented or is near its quota (NOSPACE risk). Use it for "does compaction run", "should I defrag", DB ' +
    'growth. Not for write latency (use get_etcd_disk_wal_fsync / get_etcd_disk_backend_commit).',
  inputSchema: commonInput,
  topic: 'compaction, defrag and snapshot durations and counts',
  keywords: { pattern: /\b(compact\w*|defrag\w*|fragment\w*|snapshot)\b/i, precedence: 30 },
  slash: { command: 'compact', description: 'Compaction, defragmentation, fragmentation, snapshots', followups: ['general', 'bottlenecks'] },
  explains: ['quota', 'fragmentation'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const c = await collectAndEvaluate(ctx, range, input, {
      metrics: [...metricIdsOf('compact_defrag'), 'db_size_bytes', 'db_in_use_bytes', 'db_quota_bytes', 'db_quota_percent', 'db_fragmentation_ratio'],
      seriesOf: ['db_size_bytes', 'db_in_use_bytes'],
      categories: ['fragmentation', 'quota'],
    });
    const m = c.metrics;
    const summary = m.length
      ? `Over ${range.duration}: compactions ${perMember(m, 'compactions', 'increase') || 'no data'}; compaction p99 ${perMember(m, 'compaction_duration', 'p99') || 'no data'}; ` +
        `defrags ${perMember(m, 'defrags', 'increase') || 'no data'}; snapshot saves ${perMember(m, 'snapshot_saves', 'increase') || 'no data'}. ` +
        `Fragmentation: ${perMember(m, 'db_fragmentation_ratio', 'latest') || 'no data'} (target < 30 %); DB size ${perMember(m, 'db_size_bytes', 'latest') || 'no data'}. ` +
        verdictPhrase(c.findings) +
        errorsPhrase(c.errors)
      : `No compaction/defrag data over ${range.duration}.${errorsPhrase(c.errors)}`;
    return evaluatedResult(compactDefragAnalyzer, range, c, summary);
  },
};
