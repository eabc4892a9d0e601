// Builds the one report model from analyzer results. Pure: used by the report panel, the standalone HTML
// file and the CLI alike. Accepts one combined result (deep drive) or several results of one run.
import type { AnalyzerResult, Finding, MetricSummary, Severity, TimeRange } from '../types';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../analysis/thresholds';
import { buildCharts } from './charts';
import { gradeKeyMetrics } from './keyMetrics';
import { compareMembers, type MemberInfo } from './memberComparison';
import { etcdVersions, findClusterStatus } from './clusterInfo';
import { historyComparisonOf } from './historyComparison';
import { mergeFindings, SEVERITY_ORDER } from './findingOrder';
import type { Bottleneck, FailedQuery, Health, Recommendation, ReportModel } from './modelTypes';
import { redactUrl } from '../util/redact';
import { diagnosisLine } from '../diagnosis/text';

export interface ReportMetaInput {
  title?: string;
  cluster?: string;
  profile?: string;
  /** Defaults to now. */
  generatedAt?: string;
  /** Defaults to the first result's range. */
  range?: TimeRange;
  thresholds?: Thresholds;
}

export function healthOf(findings: readonly { severity: Severity }[]): Health {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'degraded';
  return 'healthy';
}

function mergeMetrics(results: readonly AnalyzerResult[]): MetricSummary[] {
  const seen = new Map<string, MetricSummary>();
  for (const r of results) {
    for (const m of r.metrics) {
      const key = `${m.metric}\u0000${m.member}\u0000${JSON.stringify(m.labels ?? {})}`;
      const prev = seen.get(key);
      seen.set(key, prev ? { ...prev, stats: { ...prev.stats, ...m.stats } } : m);
    }
  }
  return [...seen.values()];
}

function buildRecommendations(findings: readonly Finding[]): Recommendation[] {
  const groups = new Map<string, Recommendation>();
  for (const f of findings) {
    const text = f.recommendation.trim();
    if (!text) continue;
    const g = groups.get(text);
    if (g) {
      if (!g.members.includes(f.member)) g.members.push(f.member);
      g.findingIds.push(f.id);
      if (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[g.severity]) g.severity = f.severity;
    } else {
      groups.set(text, { priority: 0, severity: f.severity, category: f.category, text, members: [f.member], findingIds: [f.id] });
    }
  }
  // Findings arrive in priority order, so insertion order is already the first-seen priority; severity re-sorts groups a later finding raised.
  const list = [...groups.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  list.forEach((r, i) => (r.priority = i + 1));
  return list;
}

function buildBottlenecks(findings: readonly Finding[]): Bottleneck[] {
  const title = new Map(findings.map((f) => [f.id, f.title]));
  return findings.map((f) => ({
    findingId: f.id,
    severity: f.severity,
    category: f.category,
    member: f.member,
    title: f.title,
    evidence: f.evidence,
    rootCause: f.rootCause,
    related: (f.related ?? []).map((id) => title.get(id) ?? id),
    ...(f.related?.length ? { relatedIds: f.related } : {}),
  }));
}

function headline(health: Health, findings: readonly Finding[], anyData: boolean): string {
  if (!anyData) return 'No data: every query failed or returned nothing for this range. See the failed queries below.';
  if (!findings.length) return 'Healthy: every evaluated metric is within its healthy target.';
  const worst = findings[0];
  const word = health === 'critical' ? 'Critical' : health === 'degraded' ? 'Degraded' : 'Healthy';
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more finding${findings.length > 2 ? 's' : ''})` : '';
  return `${word}: ${worst.title}${more}.`;
}

export function buildReportModel(input: AnalyzerResult | readonly AnalyzerResult[], meta: ReportMetaInput = {}): ReportModel {
  const results = Array.isArray(input) ? (input as readonly AnalyzerResult[]) : [input as AnalyzerResult];
  const thresholds = meta.thresholds ?? DEFAULT_THRESHOLDS;
  const metrics = mergeMetrics(results);
  const findings = mergeFindings(results);
  const status = findClusterStatus(results);
  const known: MemberInfo[] = (status?.members ?? []).map((m) => ({ name: m.name, isLeader: m.isLeader, healthy: m.healthy }));
  const diagnosis = results.find((r) => r.diagnosis)?.diagnosis;
  const health: Health = diagnosis ? diagnosis.verdict : healthOf(findings);
  const failedQueries: FailedQuery[] = results.flatMap((r) => r.errors.map((e) => ({ ...e, tool: r.tool })));
  const queries = [...new Set(results.flatMap((r) => r.queries ?? []))];
  const series = results.flatMap((r) => r.series ?? []);
  const anyData = metrics.length > 0 || findings.length > 0 || known.length > 0 || series.some((s) => s.points.length > 0);
  const range = meta.range ?? results[0]?.range ?? { start: '', end: '', duration: '', stepSeconds: 0 };

  return {
    version: 1,
    meta: {
      title: meta.title ?? 'etcd performance report',
      cluster: meta.cluster === undefined ? undefined : redactUrl(meta.cluster),
      profile: meta.profile,
      etcdVersion: etcdVersions(status),
      generatedAt: meta.generatedAt ?? new Date().toISOString(),
      range,
    },
    summary: {
      health,
      counts: {
        critical: findings.filter((f) => f.severity === 'critical').length,
        warning: findings.filter((f) => f.severity === 'warning').length,
        info: findings.filter((f) => f.severity === 'info').length,
      },
      headline: diagnosis && anyData ? diagnosisLine(diagnosis) : headline(health, findings, anyData),
      // With a diagnosis the causes come first, each once (their consequences are under them), not every finding.
      priorities: diagnosis
        ? diagnosis.incidents.filter((i) => i.severity !== 'info').slice(0, 5).map((i) => i.headline)
        : findings.filter((f) => f.severity !== 'info').slice(0, 5).map((f) => f.title),
      ...(diagnosis ? { diagnosis } : {}),
      analyzers: results.map((r) => ({ tool: r.tool, title: r.title, status: r.status, summary: r.summary })),
    },
    keyMetrics: gradeKeyMetrics(metrics, thresholds),
    members: compareMembers(metrics, thresholds, known),
    charts: buildCharts(series, thresholds),
    bottlenecks: buildBottlenecks(findings),
    recommendations: buildRecommendations(findings),
    failedQueries,
    queries,
    // Only present with a baseline result: absent (not undefined) otherwise, so existing model JSON stays identical.
    ...optionalHistory(results),
  };
}

function optionalHistory(results: readonly AnalyzerResult[]): Pick<ReportModel, 'history'> {
  const history = historyComparisonOf(results);
  return history ? { history } : {};
}
