// A metric is declared once here: collectors, charts, reports and thresholds refer to it by id.
import type { MetricCategory, Scope, Statistic, Unit } from '../types';

/** etcd metric-name generation: 3.5 dropped the 3.4 `etcd_debugging_mvcc_` copies of DB size and put/delete/txn. */
export type EtcdGeneration = '3.4' | '3.5+';

export interface QueryParams {
  /** Matchers for etcd series (from the profile), already valid PromQL. */
  etcd: string;
  /** Matchers for node-exporter series. */
  node: string;
  /** Range-vector window for `rate()`/`*_over_time()` over the whole analysed range, e.g. `3600s`. */
  window: string;
  /** Range-vector window for per-step rates in range (chart) queries, e.g. `60s` (≥ 4 × scrape interval). */
  rateWindow: string;
  /**
   * Resolution of window-wide subqueries (`max_over_time((expr)[window:step])`), e.g. `60s`. Optional; falls
   * back to `rateWindow`. The collector uses one rolling window (windows that tile the analysed window), coarser
   * beyond 120 evaluations (collect/params.ts subqueryStepSeconds).
   */
  step?: string;
  /**
   * Range of the rolling rates inside a worst-rolling-value subquery, when it differs from `rateWindow`: windows
   * that tile the analysed window (step = rolling window) get one scrape interval more, so neighbours share a scrape
   * interval. rate() counts growth between samples inside its range; with windows that only touch, what happened
   * between the last scrape of one and the first of the next was in neither (at a 5 s scrape and 60 s windows, one
   * scrape interval in twelve was invisible to every maximum).
   */
  maxRateWindow?: string;
  generation: EtcdGeneration;
  /**
   * gRPC methods in use in the window (collect/windowFacts.ts); the gRPC queries select only these, since the other
   * pre-initialised method series are zero throughout. undefined = every method.
   */
  grpcMethods?: string[];
  /**
   * No member or node restarted in the window (collect/windowFacts.ts): counters over the whole window are read as
   * the difference of two values (build.ts counterIncrease) instead of from every sample. false/undefined = unknown.
   */
  windowDelta?: boolean;
  /** Optional member filter already rendered as matchers, e.g. `,member="m1"`; empty string when none. */
  memberFilter: string;
}

export interface MetricDef {
  id: string;
  title: string;
  category: MetricCategory;
  scope: Scope;
  unit: Unit;
  /** Statistics the summary reports, computed server-side in PromQL. */
  stats: Statistic[];
  /**
   * The PromQL expression whose value over time is the metric (what a chart plots). Uses `p.rateWindow` for rates.
   * Its result must keep the labels that identify the member/node/pair (member|pod|instance, To, ...).
   */
  expr(p: QueryParams): string;
  /**
   * Optional: the PromQL for one statistic over the whole window, when it is better than
   * `<stat>_over_time((expr)[window:step])` (e.g. a histogram quantile over all buckets of the window).
   */
  statExpr?(stat: Statistic, p: QueryParams): string | undefined;
  /** Labels, beyond member/node identity, that distinguish series of this metric (To, grpc_method, device). */
  keyLabels?: string[];
  /** Short description for tooltips, reports and the LM. */
  description: string;
  /** Set when the metric only exists from some etcd generation or needs a flag (`--metrics extensive`). */
  requires?: string;
}
