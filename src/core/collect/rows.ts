// Instant samples of one metric's stats query → MetricSummary rows. Missing, NaN and -Inf stay null, never 0;
// +Inf stays null too but is named in `aboveTop` (a quantile above the histogram's top bucket).
import type { MetricSummary, Statistic } from '../types';
import type { InstantSample } from '../source/types';
import type { MetricDef } from '../metrics/types';
import type { Profile } from '../profiles/types';
import type { Discovery } from './discovery';
import { identityOf } from './identity';
import { statOfSample } from './statsQuery';

/** Where +Inf has a meaning (a histogram quantile, or the worst rolling p99): above the top bucket. Elsewhere it is no data. */
const QUANTILE_STATS: ReadonlySet<Statistic> = new Set<Statistic>(['p50', 'p90', 'p99', 'max']);

export function samplesToRows(
  def: MetricDef,
  stats: readonly Statistic[],
  samples: readonly InstantSample[],
  profile: Profile,
  disc: Discovery,
): MetricSummary[] {
  const rows = new Map<string, MetricSummary>();
  for (const s of samples) {
    const stat = statOfSample(s.labels, stats);
    if (!stat) continue;
    const id = identityOf(def, s.labels, profile, disc);
    let row = rows.get(id.key);
    if (!row) {
      row = {
        metric: def.id,
        title: def.title,
        category: def.category,
        scope: def.scope,
        member: id.member,
        ...(id.node ? { node: id.node } : {}),
        unit: def.unit,
        stats: Object.fromEntries(def.stats.map((st) => [st, null])) as Partial<Record<Statistic, number | null>>,
        ...(id.labels ? { labels: id.labels } : {}),
      };
      rows.set(id.key, row);
    }
    if (s.value === Number.POSITIVE_INFINITY && QUANTILE_STATS.has(stat) && def.stats.includes('p99')) {
      // Above the histogram's top bucket: null in stats (JSON has no Infinity), named in aboveTop.
      row.aboveTop = [...new Set([...(row.aboveTop ?? []), stat])];
      continue;
    }
    const v = typeof s.value === 'number' && Number.isFinite(s.value) ? s.value : null;
    // Two series on one row (should not happen with `by (identity)`): keep the worse, i.e. larger, value.
    const prev = row.stats[stat];
    row.stats[stat] = prev === null || prev === undefined ? v : v === null ? prev : Math.max(prev, v);
  }
  return [...rows.values()].sort(compareRows);
}

export function compareRows(a: { member: string; labels?: Record<string, string> }, b: { member: string; labels?: Record<string, string> }): number {
  return a.member.localeCompare(b.member) || JSON.stringify(a.labels ?? {}).localeCompare(JSON.stringify(b.labels ?? {}));
}
