// Turns the dashboard's two analyzer results (deep drive with series, cluster status) into DashboardState.
// Pure, so the state the webview gets can be unit-tested and recorded as a fixture.
import type { AnalyzerResult, MetricSummary, Statistic } from '../types';
import { DEFAULT_THRESHOLDS, type LevelKey, type Thresholds } from '../analysis/thresholds';
import { buildCharts } from './charts';
import { findClusterStatus } from './clusterInfo';
import { pickStat, verdictOf } from './keyMetrics';
import { pairOf } from '../analysis/metricLookup';
import { healthOf } from './model';
import { diagnosisLine, unjudgedLine } from '../diagnosis/text';
import { mergeFindings } from './findingOrder';
import { withEtcdMemberNames } from '../profiles/memberName';
import type { DashboardCell, DashboardDiagnosis, DashboardFinding, DashboardMember, DashboardRange, DashboardState } from './dashboardTypes';

/** Failures that mean "could not talk to the source at all" rather than "one query was bad". */
const UNREACHABLE_KINDS = new Set(['unreachable', 'auth', 'forbidden', 'timeout', 'server', 'bad_response', 'no_targets']);

export function emptyDashboardState(range: DashboardRange, status: DashboardState['status'], message?: string, hint?: string): DashboardState {
  return { status, message, hint, range, members: [], findings: [], charts: buildCharts([]), problems: [] };
}

interface CellDef {
  metric: string;
  statistics: Statistic[];
  level?: LevelKey;
}

const CELLS: Record<Exclude<keyof DashboardMember, 'name' | 'isLeader' | 'health' | 'healthDetail'>, CellDef> = {
  dbSizeBytes: { metric: 'db_size_bytes', statistics: ['latest', 'max'], level: 'dbSizeBytes' },
  dbInUseBytes: { metric: 'db_in_use_bytes', statistics: ['latest', 'max'] },
  quotaPercent: { metric: 'db_quota_percent', statistics: ['latest', 'max'], level: 'dbQuotaPercent' },
  walFsyncP99: { metric: 'wal_fsync_duration', statistics: ['p99'], level: 'walFsyncP99Seconds' },
  backendCommitP99: { metric: 'backend_commit_duration', statistics: ['p99'], level: 'backendCommitP99Seconds' },
  peerRttP99: { metric: 'peer_rtt', statistics: ['p99'], level: 'peerRttP99Seconds' },
  cpuPercent: { metric: 'process_cpu_percent', statistics: ['avg', 'latest'], level: 'cpuPercent' },
  memoryBytes: { metric: 'process_memory_bytes', statistics: ['latest', 'avg', 'max'] },
};

/** Worst value of a metric for one member (pairs count for the member that measured them). */
function worstFor(metrics: readonly MetricSummary[], member: string, def: CellDef): number | null {
  let worst: number | null = null;
  for (const m of metrics) {
    if (m.metric !== def.metric) continue;
    const owner = m.scope === 'pair' ? pairOf(m).from : m.member;
    if (owner !== member) continue;
    const v = pickStat(m, def.statistics)?.value ?? null;
    if (v !== null && Number.isFinite(v) && (worst === null || v > worst)) worst = v;
  }
  return worst;
}

export interface DashboardInput {
  range: DashboardRange;
  /** get_etcd_performance_deep_drive with series. */
  deep?: AnalyzerResult;
  /** get_etcd_cluster_status (optional: needs etcd endpoints). */
  status?: AnalyzerResult;
  thresholds?: Thresholds;
  now?: Date;
}

export function buildDashboardState(input: DashboardInput): DashboardState {
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const results = [input.deep, input.status].filter((r): r is AnalyzerResult => !!r);
  const cluster = findClusterStatus(results);
  // etcd's member names (etcdctl, gateway) and the metrics' names are joined first: one row per member.
  const metrics = withEtcdMemberNames(input.deep?.metrics ?? [], cluster?.members.map((m) => m.name) ?? []);
  const errors = results.flatMap((r) => r.errors);

  const hasSeries = (input.deep?.series ?? []).some((s) => s.points.some((p) => p[1] !== null));
  if (input.deep?.status === 'failed' || (!metrics.length && !hasSeries && !cluster)) {
    const blocking = errors.find((e) => UNREACHABLE_KINDS.has(e.kind)) ?? (input.deep?.status === 'failed' ? errors[0] : undefined);
    if (blocking) return emptyDashboardState(input.range, 'unreachable', blocking.message, blocking.hint);
    return emptyDashboardState(
      input.range,
      'no_data',
      'Prometheus answered, but no etcd series matched for this range.',
      'Check the etcd selector setting (etcdAnalyzer.etcdSelector) and that Prometheus scrapes etcd; a longer range may help.',
    );
  }

  const names = new Set<string>(cluster?.members.map((m) => m.name) ?? []);
  for (const m of metrics) if (m.scope === 'member') names.add(m.member);

  const members: DashboardMember[] = [...names].sort((a, b) => a.localeCompare(b)).map((name) => {
    const etcd = cluster?.members.find((m) => m.name === name);
    const cell = (def: CellDef, fallback?: number): DashboardCell => {
      const v = worstFor(metrics, name, def) ?? (fallback !== undefined && Number.isFinite(fallback) ? fallback : null);
      return { value: v, verdict: verdictOf(v, def.level ? thresholds[def.level] : undefined, def.level) };
    };
    const leaderMetric = worstFor(metrics, name, { metric: 'is_leader', statistics: ['latest', 'max'] });
    const up = worstFor(metrics, name, { metric: 'member_up', statistics: ['latest', 'min'] });
    const health: DashboardMember['health'] = etcd ? (etcd.healthy ? 'healthy' : 'unhealthy') : up === null ? 'unknown' : up >= 0.5 ? 'healthy' : 'unhealthy';
    return {
      name,
      isLeader: etcd ? etcd.isLeader : leaderMetric === null ? null : leaderMetric >= 0.5,
      health,
      healthDetail: etcd?.error ?? etcd?.errors?.join('; '),
      dbSizeBytes: cell(CELLS.dbSizeBytes, etcd?.dbSizeBytes),
      dbInUseBytes: cell(CELLS.dbInUseBytes, etcd?.dbSizeInUseBytes),
      quotaPercent: cell(CELLS.quotaPercent),
      walFsyncP99: cell(CELLS.walFsyncP99),
      backendCommitP99: cell(CELLS.backendCommitP99),
      peerRttP99: cell(CELLS.peerRttP99),
      cpuPercent: cell(CELLS.cpuPercent),
      memoryBytes: cell(CELLS.memoryBytes),
    };
  });

  // Merged and ordered as the report does, so the sidebar and the report list the same findings first.
  const findings: DashboardFinding[] = mergeFindings(results).map((f) => ({
    id: f.id,
    severity: f.severity,
    category: f.category,
    member: f.member,
    title: f.title,
    evidence: f.evidence.slice(0, 3),
  }));

  const d = input.deep?.diagnosis;
  const diagnosis: DashboardDiagnosis | undefined = d && {
    verdict: d.verdict,
    line: diagnosisLine(d),
    incidents: d.incidents
      .filter((i) => i.severity !== 'info')
      .slice(0, 3)
      .map((i) => ({ id: i.id, severity: i.severity, confidence: i.confidence, headline: i.headline, recommendation: i.recommendation })),
    unjudged: d.unjudged.slice(0, 10).map(unjudgedLine),
  };
  const counted = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  return {
    status: 'ok',
    message: diagnosis
      ? `${d!.verdict === 'unknown' ? 'not judged' : d!.verdict}: ${counted}`
      : findings.length
        ? `${healthOf(findings)}: ${counted}`
        : 'healthy: no findings',
    ...(diagnosis ? { diagnosis } : {}),
    range: input.range,
    lastUpdated: (input.now ?? new Date()).toISOString(),
    window: input.deep?.range.start ? { start: input.deep.range.start, end: input.deep.range.end } : undefined,
    members,
    findings,
    charts: buildCharts(input.deep?.series, thresholds),
    problems: errors.slice(0, 20).map((e) => ({ message: e.message, hint: e.hint, query: e.query })),
  };
}
