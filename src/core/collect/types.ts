// What analyzers ask the collector for, and what they get back.
import type { MetricSummary, QueryError, Series, TimeRange } from '../types';

export interface CollectRequest {
  /** Catalog ids. */
  metrics: string[];
  range: TimeRange;
  /** Restrict to one member (by name). */
  member?: string;
  /** Also fetch range series for charts (step = range.stepSeconds). */
  withSeries?: boolean;
  signal?: AbortSignal;
}

export interface CollectResult {
  metrics: MetricSummary[];
  series: Series[];
  errors: QueryError[];
  /** Every PromQL string sent (after dedupe), for the report appendix. */
  queries: string[];
}

export interface Collector {
  collect(req: CollectRequest): Promise<CollectResult>;
}
