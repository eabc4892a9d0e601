// The one result shape every analyzer returns, and the pieces it is made of.
// Plain JSON-serialisable data: it crosses to chat, LM tools, MCP, the CLI, webviews and the history store.

export type Severity = 'info' | 'warning' | 'critical';

export type FindingCategory =
  | 'disk'
  | 'network'
  | 'cpu'
  | 'memory'
  | 'leader'
  | 'quota'
  | 'fragmentation'
  | 'availability'
  | 'grpc'
  | 'proposals';

/** Catalog grouping of metrics (what an analyzer asks the collector for). */
export type MetricCategory =
  | 'general'
  | 'wal_fsync'
  | 'backend_commit'
  | 'compact_defrag'
  | 'disk'
  | 'network'
  | 'grpc';

/** How a value is summarised over the analysed range. Computed in PromQL, never client side. */
export type Statistic = 'avg' | 'max' | 'min' | 'latest' | 'p50' | 'p90' | 'p99' | 'increase' | 'rate';

export type Unit =
  | 'seconds'
  | 'bytes'
  | 'bytes_per_second'
  | 'percent'
  | 'ratio'
  | 'count'
  | 'per_second'
  | 'bool';

/** What a summary row is about: an etcd member, the node it runs on, a member→peer pair, or the whole cluster. */
export type Scope = 'member' | 'node' | 'pair' | 'cluster';

export interface MetricSummary {
  /** Catalog id, e.g. `wal_fsync_p99`. */
  metric: string;
  title: string;
  category: MetricCategory;
  scope: Scope;
  /** Member name (m1, etcd-master-0), node name, `m1→m2` for pairs, or `cluster`. */
  member: string;
  /** Node hosting the member, when known. */
  node?: string;
  unit: Unit;
  /** null = no data in the window (e.g. a quantile over no events is NaN): never 0. */
  stats: Partial<Record<Statistic, number | null>>;
  /** Extra identifying labels that matter to a reader (peer `To`, grpc method/code, device). Values are raw data: escape when rendering. */
  labels?: Record<string, string>;
  /**
   * Statistics whose value was +Inf: a histogram quantile above the histogram's top bucket (every observation slower
   * than the largest finite `le`). Their entry in `stats` is null (JSON has no Infinity); they are graded as past any
   * threshold and shown as "above the top bucket", never as "no data".
   */
  aboveTop?: Statistic[];
}

export interface Evidence {
  metric: string;
  member?: string;
  statistic?: Statistic;
  value: number | null;
  unit: Unit;
  threshold?: number;
  /** ISO time the value refers to (end of window unless a peak time is known). */
  at?: string;
  /** The window the value summarises, e.g. `1h`. */
  window?: string;
  note?: string;
  /** The value was +Inf: above the histogram's top bucket (value is null then). */
  aboveTop?: boolean;
}

export interface Finding {
  /** Stable per (rule, member): `wal_fsync_p99_high:m2`. */
  id: string;
  rule: string;
  category: FindingCategory;
  severity: Severity;
  /** Member name, node name, or `cluster`. */
  member: string;
  title: string;
  evidence: Evidence[];
  rootCause: string;
  recommendation: string;
  /** Other finding ids this one explains or is explained by (correlations). */
  related?: string[];
}

/** Time series for charts: epoch milliseconds, null = gap (NaN/Inf/missing). */
export type Point = [number, number | null];

export interface Series {
  metric: string;
  member: string;
  unit: Unit;
  labels?: Record<string, string>;
  points: Point[];
}

export type SourceErrorKind =
  | 'unreachable'
  | 'auth'
  | 'forbidden'
  | 'timeout'
  | 'bad_query'
  | 'bad_response'
  | 'server'
  | 'cancelled'
  | 'no_targets'
  | 'unavailable'
  | 'bad_input';

/** A query (or other data access) that failed. Lives in `errors`; the rest of the result is still valid. */
export interface QueryError {
  kind: SourceErrorKind;
  /** The PromQL (or API path) that failed. */
  query: string;
  metric?: string;
  message: string;
  /** What the user should do about it. */
  hint: string;
}

export interface TimeRange {
  start: string; // ISO
  end: string; // ISO
  /** The duration string the user asked for (`1h`), or derived from start/end. */
  duration: string;
  stepSeconds: number;
}

export type ResultStatus = 'ok' | 'partial' | 'unavailable' | 'failed';

export interface AnalyzerResult {
  tool: string;
  title: string;
  /** One short paragraph for humans and models: key numbers, verdict. Plain text (no markup). */
  summary: string;
  /** ok: all data; partial: some queries failed; unavailable: the data source does not exist with this profile; failed: nothing could be read. */
  status: ResultStatus;
  range: TimeRange;
  metrics: MetricSummary[];
  findings: Finding[];
  series?: Series[];
  errors: QueryError[];
  /** Analyzer-specific structured extras (cluster status, node inventory, trend slopes...). JSON only. */
  data?: Record<string, unknown>;
  /** Every query sent, for the report appendix. */
  queries?: string[];
  /**
   * The answer first: findings grouped into ranked incidents, each one cause with its member, evidence and the
   * findings it explains. Set by the analyzers that judge the whole cluster (bottleneck analysis, deep drive, report).
   */
  diagnosis?: Diagnosis;
}

/** How sure the diagnosis is that this is the cause (how many independent signals single it out). */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * healthy: every signal the diagnosis needs was judged and none is past its target; degraded: warnings only;
 * critical: at least one critical incident; unknown: not enough finite data to judge (never called healthy).
 */
export type Verdict = 'healthy' | 'degraded' | 'critical' | 'unknown';

/** One cause and what follows from it. */
export interface Incident {
  /** Stable per cause: `disk:m2`, `availability:m3`. */
  id: string;
  /** 1 = the first thing to look at. */
  rank: number;
  severity: Severity;
  /** The cause's category (a stopped member is `availability`, a slow disk `disk`, saturated CPU `cpu`, …). */
  category: FindingCategory;
  /** The member (or node) the cause sits on; `cluster` when it is cluster-wide (every peer link slow). */
  member: string;
  node?: string;
  confidence: Confidence;
  /** One line naming the cause, the member and the evidence: the first line a face shows. Plain text. */
  headline: string;
  /** The evidence that singles this cause out (e.g. m2's fsync p99 6× its peers; the peers' send failures target m2). */
  evidence: Evidence[];
  /** Why these signals point here and not elsewhere, in one or two sentences. Plain text. */
  reasoning: string;
  /** Finding ids that are the cause itself. */
  causeFindings: string[];
  /** Finding ids this cause explains (consequences, e.g. peers' send failures, elections, gRPC latency). */
  consequences: string[];
  /** The one thing to do first. */
  recommendation: string;
  /** When the episode happened inside the window, if it was shorter than the window. */
  episode?: { start?: string; peakAt?: string; end?: string };
}

/** A signal the diagnosis needed but could not judge, and why. */
export interface Unjudged {
  /** Catalog metric id or signal name (`wal_fsync_p99`, `node CPU`). */
  signal: string;
  member?: string;
  /** e.g. `no finite samples in the window (all NaN)`, `metric not exported by this etcd`. */
  reason: string;
}

export interface Diagnosis {
  verdict: Verdict;
  /** The first line every face shows: the top incident's headline, or why the cluster is healthy / cannot be judged. */
  headline: string;
  incidents: Incident[];
  /** Findings explained by no incident's cause (still shown, after the incidents). */
  unexplained: string[];
  unjudged: Unjudged[];
}
