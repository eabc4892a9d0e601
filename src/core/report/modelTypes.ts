// The report model: everything the report panel (webview) and the standalone HTML file render, as plain JSON.
// Built once from analyzer results by buildReportModel (model.ts); renderers never look at raw results.
import type { Diagnosis, Evidence, FindingCategory, QueryError, Severity, Statistic, TimeRange, Unit } from '../types';

/** The diagnosis verdict when the results carry one (`unknown`: not enough finite data to judge), else from findings. */
export type Health = 'healthy' | 'degraded' | 'critical' | 'unknown';

/** pass = below the healthy target, warn = at/above the target, fail = at/above the alert level. */
export type Verdict = 'pass' | 'warn' | 'fail' | 'no_data';

export interface ReportMeta {
  title: string;
  /** Cluster name or Prometheus URL, as the user knows it (data: escape when rendering). */
  cluster?: string;
  profile?: string;
  etcdVersion?: string;
  generatedAt: string; // ISO
  range: TimeRange;
}

/**
 * One line of a chart: a member, node or member→peer pair. Columnar (two flat arrays) rather than Point[] pairs:
 * a day of 5 s points is 17k pairs per line, and cloning that many small arrays into the webview (postMessage)
 * cost more than drawing them.
 */
export interface ChartLine {
  label: string;
  /** Epoch milliseconds, ascending. */
  t: number[];
  /** Same length as `t`; null = gap (no data, NaN). */
  v: (number | null)[];
}

export interface ChartSpec {
  /** Stable id (`wal_fsync_p99`), used for DOM ids and tests. */
  id: string;
  title: string;
  unit: Unit;
  /** Horizontal guide lines (healthy target / alert level), in the chart's unit. */
  warning?: number;
  critical?: number;
  lines: ChartLine[];
}

export interface KeyMetricRow {
  metric: string;
  title: string;
  unit: Unit;
  statistic: Statistic;
  /** The member with the worst value (the one the verdict is about). */
  member: string;
  value: number | null;
  warning: number;
  critical: number;
  verdict: Verdict;
  /** How many members/nodes/pairs were compared. */
  compared: number;
}

export interface MemberColumn {
  metric: string;
  title: string;
  unit: Unit;
  statistic: Statistic;
}

export interface MemberCell {
  value: number | null;
  verdict: Verdict;
  /** Far from the other members (outlierFactor × their median). */
  outlier: boolean;
}

export interface MemberRow {
  member: string;
  isLeader?: boolean;
  healthy?: boolean;
  cells: MemberCell[];
}

export interface MemberComparison {
  columns: MemberColumn[];
  rows: MemberRow[];
  outlierFactor: number;
}

export interface Bottleneck {
  findingId: string;
  severity: Severity;
  category: FindingCategory;
  member: string;
  title: string;
  evidence: Evidence[];
  rootCause: string;
  /** Titles of related findings, in the order of the root-cause chain. */
  related: string[];
  /** Ids of the same related findings (same order as `related`), for links and root-cause chains. */
  relatedIds?: string[];
}

export interface Recommendation {
  /** 1 = do first. */
  priority: number;
  severity: Severity;
  category: FindingCategory;
  text: string;
  members: string[];
  findingIds: string[];
}

export interface AnalyzerSummary {
  tool: string;
  title: string;
  status: string;
  summary: string;
}

export interface ReportSummary {
  health: Health;
  counts: Record<Severity, number>;
  /** One sentence: the diagnosis line (cause, member, evidence), or verdict + the worst finding without one. Plain text. */
  headline: string;
  /** The diagnosis of the results (the report's own, else the first result that has one): incidents, not-judged signals. */
  diagnosis?: Diagnosis;
  /** Finding titles in the order to look at them (max 5). */
  priorities: string[];
  analyzers: AnalyzerSummary[];
}

export interface FailedQuery extends QueryError {
  tool: string;
}

export interface ReportModel {
  version: 1;
  meta: ReportMeta;
  summary: ReportSummary;
  keyMetrics: KeyMetricRow[];
  members: MemberComparison;
  charts: ChartSpec[];
  bottlenecks: Bottleneck[];
  recommendations: Recommendation[];
  failedQueries: FailedQuery[];
  queries: string[];
  /** Now vs stored history, when a compare_etcd_to_baseline result was among the inputs, or carried in the report's own data. */
  history?: HistoryComparison;
}

/** One compared value of compare_etcd_to_baseline (mirrors its data.comparisons rows). */
export interface HistoryComparisonRow {
  metric: string;
  statistic: Statistic;
  member: string;
  unit: Unit;
  now: number | null;
  baseline: number | null;
  baselineRuns: number;
  /** Relative change (0.3 = +30 %), null when not compared. */
  change: number | null;
  verdict: 'regression' | 'improvement' | 'unchanged' | 'no_data_now' | 'too_few_runs';
}

export interface HistoryComparison {
  status: string;
  summary: string;
  tolerance?: number;
  /** What the baseline was: a window of stored runs or one run. */
  baseline?: { kind: string; since?: string; until?: string; runId?: number; runs?: number; minRuns?: number };
  regressions: number;
  tooFewRuns: boolean;
  rows: HistoryComparisonRow[];
}
