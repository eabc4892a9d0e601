// Shared plumbing for analyzers: the range, collect + evaluate, result building and status. Analyzers stay small.
import type { AnalyzerResult, Finding, FindingCategory, MetricSummary, QueryError, ResultStatus, Series, TimeRange } from '../types';
import type { AnalyzerContext } from './types';
import type { CommonInput } from './input';
import type { EtcdClusterStatus } from '../source/clusterStatusTypes';
import { resolveTimeRange } from '../util/timeRange';
import { evaluateFindings, pruneRelated } from '../analysis/evaluate';
import { overallHealth } from '../analysis/health';
import { toQueryError } from '../util/errors';
import { joinMatchers } from '../util/promql';
import { uniqueBy } from '../util/uniqueBy';
import { append } from '../util/arrays';
import { boundSummary } from '../util/nameList';

export interface AnalyzerMeta {
  name: string;
  title: string;
}

/** The window of this run. runAnalyzer pins ctx.now(), so every analyzer of one run gets the same range (and the same queries). */
export function rangeOf(ctx: AnalyzerContext, input: Pick<CommonInput, 'duration' | 'start' | 'end'>): TimeRange {
  return resolveTimeRange(input, ctx.now());
}

export interface Collected {
  metrics: MetricSummary[];
  series: Series[];
  errors: QueryError[];
  queries: string[];
}

export interface CollectSpec {
  metrics: readonly string[];
  /** Of those, the ids to also fetch as range series for charts. */
  seriesOf?: readonly string[];
}

/** Collects summaries (and chart series for the key metrics) through the per-run collector; never throws. */
export async function collect(ctx: AnalyzerContext, range: TimeRange, input: CommonInput, spec: CollectSpec): Promise<Collected> {
  const withSeries = new Set(spec.seriesOf ?? []);
  const plain = spec.metrics.filter((m) => !withSeries.has(m));
  const charted = spec.metrics.filter((m) => withSeries.has(m));
  const base = { range, member: input.member || undefined, signal: ctx.signal };
  const parts = await Promise.all(
    [
      plain.length ? ctx.collector.collect({ ...base, metrics: plain }) : undefined,
      charted.length ? ctx.collector.collect({ ...base, metrics: charted, withSeries: true }) : undefined,
    ].map((p) => p?.catch((err: unknown) => ({ metrics: [], series: [], queries: [], errors: [toQueryError(err, '')] }))),
  );
  const out: Collected = { metrics: [], series: [], errors: [], queries: [] };
  for (const p of parts) {
    if (!p) continue;
    append(out.metrics, p.metrics);
    append(out.series, p.series);
    append(out.errors, p.errors);
    append(out.queries, p.queries);
  }
  out.errors = dedupeErrors(out.errors);
  out.queries = [...new Set(out.queries)];
  if (!out.metrics.length && !out.errors.length) out.errors.push(noTargetsError(ctx));
  return out;
}

/** Nothing matched at all: say which selector was used and what to check. */
export function noTargetsError(ctx: AnalyzerContext): QueryError {
  const sel = ctx.profile.etcdMatchers();
  return {
    kind: 'no_targets',
    query: `up{${joinMatchers(sel)}}`,
    message: `no etcd series found in Prometheus with the etcd selector ${sel}`,
    hint:
      'check that Prometheus scrapes etcd and that the etcd selector matches its job (setting etcdAnalyzer.etcdSelector / --etcd-selector); run get_server_health to see the targets' +
      (ctx.profile.id === 'openshift'
        ? "; on a hosted control plane (get_ocp_cluster_info shows controlPlaneTopology External) etcd runs in the management cluster and this cluster's Prometheus has no etcd series"
        : ''),
  };
}

export interface EvaluateSpec {
  /** Keep findings of these categories only (rules still see every metric, so correlations can form). */
  categories?: readonly FindingCategory[];
  clusterStatus?: EtcdClusterStatus;
  outliers?: boolean;
}

export function evaluate(ctx: AnalyzerContext, range: TimeRange, input: CommonInput, metrics: readonly MetricSummary[], spec: EvaluateSpec = {}): Finding[] {
  const findings = evaluateFindings(metrics, ctx.thresholds, {
    window: range.duration,
    at: range.end,
    clusterStatus: spec.clusterStatus,
    outliers: spec.outliers,
    member: input.member || undefined,
  });
  return spec.categories ? pruneRelated(findings.filter((f) => spec.categories!.includes(f.category))) : findings;
}

/** collect + evaluate in one call: the common shape of the per-category analyzers. */
export async function collectAndEvaluate(
  ctx: AnalyzerContext,
  range: TimeRange,
  input: CommonInput,
  spec: CollectSpec & EvaluateSpec,
): Promise<Collected & { findings: Finding[] }> {
  const c = await collect(ctx, range, input, spec);
  return { ...c, findings: evaluate(ctx, range, input, c.metrics, spec) };
}

export interface ResultParts {
  summary: string;
  metrics?: MetricSummary[];
  findings?: Finding[];
  series?: Series[];
  errors?: QueryError[];
  data?: Record<string, unknown>;
  queries?: string[];
  status?: ResultStatus;
}

/** ok: no errors; failed: errors and nothing read; partial: errors beside some data. */
export function statusOf(parts: Pick<ResultParts, 'metrics' | 'errors' | 'data' | 'findings'>): ResultStatus {
  const errors = parts.errors ?? [];
  if (!errors.length) return 'ok';
  const hasData = (parts.metrics?.length ?? 0) > 0 || (parts.findings?.length ?? 0) > 0;
  return hasData ? 'partial' : 'failed';
}

export function buildResult(meta: AnalyzerMeta, range: TimeRange, parts: ResultParts): AnalyzerResult {
  const errors = dedupeErrors(parts.errors ?? []);
  const result: AnalyzerResult = {
    tool: meta.name,
    title: meta.title,
    summary: boundSummary(parts.summary),
    status: parts.status ?? statusOf({ ...parts, errors }),
    range,
    metrics: parts.metrics ?? [],
    findings: parts.findings ?? [],
    errors,
  };
  if (parts.series?.length) result.series = parts.series;
  if (parts.data) result.data = parts.data;
  if (parts.queries?.length) result.queries = parts.queries;
  return result;
}

/**
 * The result of a collect-and-evaluate analyzer: everything collected (pass `{ ...c, metrics }` to narrow the rows),
 * its findings, and `data` = health counts plus the analyzer's own extras.
 */
export function evaluatedResult(
  meta: AnalyzerMeta,
  range: TimeRange,
  c: Collected & { findings: Finding[] },
  summary: string,
  extra: Record<string, unknown> = {},
): AnalyzerResult {
  return buildResult(meta, range, { ...c, summary, data: { ...healthData(c.findings), ...extra } });
}

/** `healthy`/`degraded`/`critical` plus counts, for `data`. */
export function healthData(findings: readonly Finding[]): { health: string; critical: number; warning: number; info: number } {
  return {
    health: overallHealth(findings),
    critical: findings.filter((f) => f.severity === 'critical').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}

export function dedupeErrors(errors: readonly QueryError[]): QueryError[] {
  return uniqueBy(errors, (e) => `${e.kind}\u0000${e.query}\u0000${e.metric ?? ''}\u0000${e.message}`);
}

/** One row per (metric, member, labels): the first wins. Used when several sections report the same metric. */
export function dedupeMetrics(metrics: readonly MetricSummary[]): MetricSummary[] {
  return uniqueBy(metrics, identityKey);
}

export function dedupeSeries(series: readonly Series[]): Series[] {
  return uniqueBy(series, identityKey);
}

function identityKey(x: { metric: string; member: string; labels?: Record<string, string> }): string {
  return `${x.metric}\u0000${x.member}\u0000${JSON.stringify(x.labels ?? {})}`;
}
