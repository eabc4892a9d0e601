// get_etcd_general_info: per-member CPU, memory, DB size/in-use/quota, keys, leadership, proposals, slow operations.
import { commonInput } from './input';
import type { Analyzer } from './types';
import type { MetricSummary } from '../types';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, perMember, total, verdictPhrase } from './summaryText';
import { metricIdsOf } from '../metrics/catalog';
import { statOf } from '../analysis/metricLookup';
import { formatValue } from '../util/units';
import { maxOf } from '../util/arrays';
import { nameList } from '../util/nameList';

export const generalInfoAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_etcd_general_info',
  title: 'etcd general info',
  description:
    'Per etcd member over the window: process CPU (% of one core) and memory, node CPU/memory, DB size, in-use size, quota ' +
    'and quota use, fragmentation, key count, leader/has-leader, leader changes, proposals committed/applied/pending/failed, ' +
    'slow applies, heartbeat failures, MVCC put/delete rates, target up. Returns summaries per member, findings (CPU, ' +
    'memory, leader, quota, fragmentation, availability, proposals) and CPU/memory/DB/proposal time series. Use it for a ' +
    'first look at a cluster or "who is the leader / how big is the DB". For disk or network latency use the dedicated tools.',
  inputSchema: commonInput,
  topic: 'CPU, memory, DB size, proposals and leader changes',
  keywords: { pattern: /\b(cpu|memory|ram|db size|database size|quota|keys|proposals?)\b/i, precedence: 70 },
  slash: { command: 'general', description: 'Per-member CPU, memory, DB size, proposals, leader changes', followups: ['bottlenecks', 'compact'] },
  explains: ['grpc', 'cpu', 'memory', 'proposals'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const c = await collectAndEvaluate(ctx, range, input, {
      metrics: metricIdsOf('general'),
      seriesOf: ['process_cpu_percent', 'process_memory_bytes', 'db_size_bytes', 'proposals_committed_rate', 'proposals_pending'],
      categories: ['cpu', 'memory', 'leader', 'quota', 'fragmentation', 'availability', 'proposals'],
    });
    const m = c.metrics;
    const leader = leaderOf(m);
    const members = [...new Set(m.filter((r) => r.scope === 'member').map((r) => r.member))].sort();
    const parts: string[] = [];
    if (members.length) {
      parts.push(`${members.length} member${members.length === 1 ? '' : 's'} (${nameList(members)}), leader ${leader ?? 'unknown'}.`);
      parts.push(`CPU avg: ${perMember(m, 'process_cpu_percent', 'avg')}.`);
      parts.push(`Memory: ${perMember(m, 'process_memory_bytes', 'latest')}.`);
      parts.push(`DB size: ${perMember(m, 'db_size_bytes', 'latest')} (quota use ${perMember(m, 'db_quota_percent', 'latest')}).`);
      // Missing counts stay "no data" (a failed query is not zero leader changes).
      const changeCounts = m.filter((r) => r.metric === 'leader_changes').map((r) => statOf(r, 'increase')).filter((v): v is number => v !== null && v !== undefined);
      const changes = changeCounts.length ? String(Math.round(maxOf(changeCounts))) : 'no data';
      const committed = total(m.filter((r) => r.member === leader), 'proposals_committed_rate', 'avg');
      const failed = total(m, 'proposals_failed_rate', 'avg');
      parts.push(
        `Leader changes in ${range.duration}: ${changes}; proposals committed ${formatValue(committed, 'per_second')} (leader), failed ${formatValue(failed, 'per_second')}.`,
      );
      parts.push(verdictPhrase(c.findings));
    } else {
      parts.push(`No etcd member data over ${range.duration}.`);
    }
    return evaluatedResult(generalInfoAnalyzer, range, c, parts.join(' ') + errorsPhrase(c.errors), { leader: leader ?? null, members });
  },
};

/** The member whose is_leader was 1 at the end of the window. */
export function leaderOf(metrics: readonly MetricSummary[]): string | undefined {
  return metrics.find((r) => r.metric === 'is_leader' && (statOf(r, 'latest') ?? 0) >= 0.5)?.member;
}
