// get_etcd_cluster_status: etcd's own view (v3 gateway / etcdctl): members, leader, raft term/index, DB size, alarms,
// endpoint health. Without configured endpoints it falls back to what Prometheus knows and says the API was not used.
import { commonInput } from './input';
import type { Analyzer, AnalyzerContext } from './types';
import type { AnalyzerResult, MetricSummary, TimeRange } from '../types';
import type { CommonInput } from './input';
import type { EtcdClusterStatus, EtcdMemberStatus } from '../source/clusterStatusTypes';
import { buildResult, collect, evaluate, healthData, rangeOf } from './analyzerKit';
import { readClusterStatus } from './clusterStatusRead';
import { errorsPhrase, perMember, verdictPhrase } from './summaryText';
import { getMetric } from '../metrics/catalog';
import { formatValue } from '../util/units';
import { leaderOf } from './generalInfo';
import { statOf } from '../analysis/metricLookup';

const CATEGORIES = ['availability', 'quota', 'fragmentation', 'leader'] as const;

export const clusterStatusAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_etcd_cluster_status',
  title: 'etcd cluster status',
  description:
    'The cluster as etcd itself reports it (maintenance status, member list, alarm list through the etcd API): members ' +
    'with endpoint health, leader, raft term and index, DB size and in-use size, etcd version, and active alarms such as ' +
    'NOSPACE or CORRUPT. Findings for unhealthy members, lost quorum, alarms and fragmentation. Without configured etcd ' +
    'endpoints it falls back to Prometheus (leader, has-leader, DB size, target up) and says so. Use it for "is the cluster ' +
    'healthy right now / who is leader / any alarms". For trends over time use the other tools.',
  inputSchema: commonInput,
  topic: 'members, leader, raft term/index, DB size and alarms',
  keywords: { pattern: /\b(leader|members?|status|alarms?|raft|term)\b/i, precedence: 60 },
  slash: { command: 'status' },
  explains: ['leader', 'availability', 'quota'],
  roles: ['cluster_status'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const read = await readClusterStatus(ctx);
    if (read.status) return fromEtcd(ctx, input, range, read.status);
    return fromPrometheus(ctx, input, range, read.error ? [read.error] : [], read.available);
  },
};

function fromEtcd(ctx: AnalyzerContext, input: CommonInput, range: TimeRange, st: EtcdClusterStatus): AnalyzerResult {
  const members = (input.member ? st.members.filter((m) => m.name === input.member) : [...st.members]).sort((a, b) => a.name.localeCompare(b.name));
  const metrics = members.flatMap((m) => rowsOf(m));
  const findings = evaluate(ctx, range, input, metrics, { clusterStatus: st, categories: [...CATEGORIES], outliers: false });
  const healthy = st.members.filter((m) => m.healthy).length;
  const versions = [...new Set(st.members.map((m) => m.version).filter(Boolean))];
  const leader = st.leaderName ?? st.members.find((m) => m.isLeader)?.name;
  const leaderStatus = st.members.find((m) => m.isLeader);
  const memberText = members
    .map((m) =>
      m.healthy
        ? `${m.name}${m.isLeader ? ' (leader)' : ''} healthy, DB ${formatValue(m.dbSizeBytes, 'bytes')} (in use ${formatValue(m.dbSizeInUseBytes, 'bytes')}), raft index ${m.raftIndex ?? '?'}`
        : `${m.name} UNHEALTHY (${(m.error ?? 'no answer').slice(0, 120)})`,
    )
    .join('; ');
  const alarms = st.alarms.length ? `Alarms: ${st.alarms.map((a) => `${a.alarm} on ${a.member ?? a.memberId}`).join(', ')}.` : 'No alarms.';
  const summary =
    `etcd API (${ctx.clusterStatus?.description ?? 'etcd'}): ${healthy} of ${st.members.length} members healthy, leader ${leader ?? 'none'}` +
    `${leaderStatus?.raftTerm !== undefined ? `, raft term ${leaderStatus.raftTerm}` : ''}, version ${versions.join('/') || 'unknown'}. ${memberText}. ${alarms} ` +
    verdictPhrase(findings);
  return buildResult(clusterStatusAnalyzer, range, {
    summary,
    metrics,
    findings,
    errors: [],
    data: { ...healthData(findings), source: 'etcd-api', clusterStatus: st },
  });
}

async function fromPrometheus(ctx: AnalyzerContext, input: CommonInput, range: TimeRange, errors: AnalyzerResult['errors'], providerExists: boolean) {
  const c = await collect(ctx, range, input, {
    metrics: ['member_up', 'is_leader', 'has_leader', 'leader_changes', 'db_size_bytes', 'db_in_use_bytes', 'db_quota_percent', 'db_fragmentation_ratio', 'keys_total'],
  });
  const findings = evaluate(ctx, range, input, c.metrics, { categories: [...CATEGORIES], outliers: false });
  const m = c.metrics;
  const why = providerExists ? 'the etcd API did not answer' : 'no etcd endpoints are configured';
  const up = m.filter((r) => r.metric === 'member_up');
  const upCount = up.filter((r) => (statOf(r, 'latest') ?? 0) >= 0.5).length;
  const summary = m.length
    ? `etcd API not used (${why}); from Prometheus: ${upCount} of ${up.length} member targets up, leader ${leaderOf(m) ?? 'unknown'}, ` +
      `DB size ${perMember(m, 'db_size_bytes', 'latest') || 'no data'}, in use ${perMember(m, 'db_in_use_bytes', 'latest') || 'no data'}. ` +
      `Raft term/index, alarms and endpoint health need the etcd API (set the etcd endpoints). ${verdictPhrase(findings)}` +
      errorsPhrase([...errors, ...c.errors])
    : `etcd API not used (${why}) and Prometheus has no etcd data.${errorsPhrase([...errors, ...c.errors])}`;
  return buildResult(clusterStatusAnalyzer, range, {
    summary,
    metrics: m,
    findings,
    errors: [...errors, ...c.errors],
    queries: c.queries,
    data: { ...healthData(findings), source: 'prometheus', etcdApi: providerExists ? 'failed' : 'not configured' },
  });
}

/** etcd API numbers as summary rows (latest only), so reports and history treat them like any other metric. */
function rowsOf(m: EtcdMemberStatus): MetricSummary[] {
  const row = (id: string, value: number | undefined): MetricSummary | undefined => {
    const def = getMetric(id);
    if (!def || value === undefined || !Number.isFinite(value)) return undefined;
    return { metric: id, title: def.title, category: def.category, scope: 'member', member: m.name, unit: def.unit, stats: { latest: value } };
  };
  const frag = m.dbSizeBytes && m.dbSizeInUseBytes !== undefined ? 1 - m.dbSizeInUseBytes / m.dbSizeBytes : undefined;
  return [
    row('db_size_bytes', m.dbSizeBytes),
    row('db_in_use_bytes', m.dbSizeInUseBytes),
    row('db_fragmentation_ratio', frag),
    row('is_leader', m.healthy ? (m.isLeader ? 1 : 0) : undefined),
  ].filter((r): r is MetricSummary => !!r);
}
