// The four shapes a catalog metric comes in, each with the statistic semantics agreed in the brief:
//   histogram  p50/p90/p99 = quantile of the whole window's summed bucket rates; max = worst rolling p99
//   windowed   (rates, per-event averages, percentages of counters) avg = over the whole window; max = worst rolling
//   counter    (event counts) increase over the window
//   gauge      avg/max/min over the window (subquery at the chart step), latest = value at the window's end
// The catalog files only say *what* to measure; the statistic queries come from here.
import type { MetricCategory, Scope, Statistic, Unit } from '../types';
import type { MetricDef, QueryParams } from './types';
import { maxOverWindow, overWindow } from './build';

interface Base {
  id: string;
  title: string;
  category: MetricCategory;
  scope: Scope;
  unit: Unit;
  description: string;
  keyLabels?: string[];
  requires?: string;
}

const QUANTILES: Partial<Record<Statistic, number>> = { p50: 0.5, p90: 0.9, p99: 0.99 };

/** `quantile(p, q, window)` renders the histogram quantile (already scaled to the unit). */
export function histogram(
  o: Base & { stats?: Statistic[]; quantile: (p: QueryParams, q: number, window: string) => string },
): MetricDef {
  const stats = o.stats ?? ['p50', 'p90', 'p99', 'max'];
  const expr = (p: QueryParams) => o.quantile(p, 0.99, p.rateWindow);
  return {
    ...base(o),
    stats,
    expr,
    statExpr(stat, p) {
      const q = QUANTILES[stat];
      if (q !== undefined) return o.quantile(p, q, p.window);
      if (stat === 'max') return maxOverWindow(p, o.quantile(p, 0.99, p.maxRateWindow ?? p.rateWindow));
      return undefined;
    },
  };
}

/**
 * `over(p, window)` renders the value measured over `window` (a rate, a ratio of rates, a percentage).
 * avg = `over(p, window)`: the rate over the whole window, in one evaluation that reads each sample once (a mean of
 * rolling rates through a subquery costs one evaluation per rolling window and grew with the window). A series
 * younger than the window would drag it toward 0 (rate divides the few minutes of data by the whole window); the
 * collector shortens `p.window` to the part of the window that has data (see coverage.ts), so it does not.
 * `avg: 'ratio'` (ratios of rates: sum/count, failed/all) is the same expression; it is kept to say that a mean of
 * per-minute ratios would be wrong there (NaN for minutes without events).
 * `filter` (e.g. `> 0`) is applied to every result, to drop series that are zero throughout on the server.
 */
export function windowed(
  o: Base & { stats?: Statistic[]; avg?: 'mean' | 'ratio'; filter?: string; over: (p: QueryParams, window: string) => string },
): MetricDef {
  const stats = o.stats ?? ['avg', 'max'];
  const f = (e: string) => (o.filter ? `${e} ${o.filter}` : e);
  const rolling = (p: QueryParams) => o.over(p, p.rateWindow);
  return {
    ...base(o),
    stats,
    expr: (p) => f(rolling(p)),
    statExpr(stat, p) {
      if (stat === 'avg' || stat === 'rate') return f(o.over(p, p.window));
      if (stat === 'max') return f(maxOverWindow(p, o.over(p, p.maxRateWindow ?? p.rateWindow)));
      return undefined;
    },
  };
}

/** `increase(p, window)` renders how many events happened in `window`. */
export function counter(o: Base & { increase: (p: QueryParams, window: string) => string }): MetricDef {
  return {
    ...base(o),
    stats: ['increase'],
    expr: (p) => o.increase(p, p.rateWindow),
    statExpr: (stat, p) => (stat === 'increase' ? o.increase(p, p.window) : undefined),
  };
}

/** `value(p)` renders the gauge's current value (aggregated by identity); avg/max/min use a subquery over it. */
export function gauge(o: Base & { stats?: Statistic[]; value: (p: QueryParams) => string }): MetricDef {
  return {
    ...base(o),
    stats: o.stats ?? ['avg', 'max', 'min', 'latest'],
    expr: (p) => o.value(p),
    statExpr: (stat, p) => gaugeStat(stat, o.value(p), p),
  };
}

/**
 * A gauge read straight from stored series (one per identity), e.g. `max by (member, pod, instance) (x{…})`.
 * Window statistics use `<fn>_over_time(x{…}[window])`: exact over every scraped sample (a 10 s dip of
 * has_leader is not missed) and cheaper than a subquery. `selectors` lists fallbacks for renamed series.
 */
export function seriesGauge(
  o: Base & { stats?: Statistic[]; agg: 'max' | 'sum'; by: string; selectors: (p: QueryParams) => string[] },
): MetricDef {
  const value = (p: QueryParams) => `${o.agg} ${o.by} (${o.selectors(p).join(' or ')})`;
  return {
    ...base(o),
    stats: o.stats ?? ['avg', 'max', 'min', 'latest'],
    expr: value,
    statExpr(stat, p) {
      if (stat === 'avg' || stat === 'max' || stat === 'min') {
        return `${o.agg} ${o.by} (${o.selectors(p).map((s) => `${stat}_over_time(${s}[${p.window}])`).join(' or ')})`;
      }
      return stat === 'latest' ? value(p) : undefined;
    },
  };
}

function gaugeStat(stat: Statistic, expr: string, p: QueryParams): string | undefined {
  switch (stat) {
    case 'avg':
    case 'max':
    case 'min':
      return overWindow(p, stat, expr);
    case 'latest':
      // Evaluated at the window's end: a member gone by then has no value (null), which is the truth.
      return expr;
    default:
      return undefined;
  }
}

function base(o: Base): Omit<MetricDef, 'stats' | 'expr' | 'statExpr'> {
  const { id, title, category, scope, unit, description, keyLabels, requires } = o;
  return { id, title, category, scope, unit, description, ...(keyLabels ? { keyLabels } : {}), ...(requires ? { requires } : {}) };
}

/**
 * The PromQL for one statistic of a metric over the whole window: the metric's own `statExpr` when it has one,
 * else `<stat>_over_time((expr)[window:step])` for the stats where that is meaningful. undefined = not computable.
 */
export function statQuery(def: MetricDef, stat: Statistic, p: QueryParams): string | undefined {
  const own = def.statExpr?.(stat, p);
  if (own) return own;
  const expr = def.expr(p);
  if (stat === 'p50' || stat === 'p90' || stat === 'p99') {
    return `quantile_over_time(${QUANTILES[stat]}, (${expr})[${p.window}:${p.step ?? p.rateWindow}])`;
  }
  // avg/max/min/latest as for any gauge; nothing for the rest.
  return gaugeStat(stat, expr, p);
}
