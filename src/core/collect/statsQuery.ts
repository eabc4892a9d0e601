// All statistics of one metric in a single instant query: each statistic's expression gets a marker label
// (`label_replace(…, "analyzer_stat", "p99", "", "")`) and they are joined with `or`, so the server computes every
// number and one HTTP request returns them all. A full catalog collection is then one request per metric.
import { withLabel } from './batch';
import type { Statistic } from '../types';
import type { MetricDef, QueryParams } from '../metrics/types';
import { statQuery } from '../metrics/kinds';

/** Marker label carrying the statistic name (no `__` prefix: those are reserved for Prometheus internals). */
export const STAT_LABEL = 'analyzer_stat';

export interface StatsQuery {
  query: string;
  /** The statistics the query returns (those with an expression). */
  stats: Statistic[];
}

export function buildStatsQuery(def: MetricDef, p: QueryParams): StatsQuery {
  const parts: string[] = [];
  const stats: Statistic[] = [];
  for (const stat of def.stats) {
    const expr = statQuery(def, stat, p);
    if (!expr) continue;
    stats.push(stat);
    parts.push(withLabel(expr, STAT_LABEL, stat));
  }
  return { query: parts.join(' or '), stats };
}

/** The statistic a returned sample belongs to, or undefined for a sample without (or with an unknown) marker. */
export function statOfSample(labels: Record<string, string>, stats: readonly Statistic[]): Statistic | undefined {
  const s = labels[STAT_LABEL] as Statistic | undefined;
  return s && stats.includes(s) ? s : undefined;
}
