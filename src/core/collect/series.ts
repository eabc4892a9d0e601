// Range results → chart Series. Prometheus leaves out steps without a value; a null is put in each such hole so
// charts break the line there instead of drawing across missing data.
import type { Point, Series } from '../types';
import type { RangeSeries } from '../source/types';
import type { MetricDef } from '../metrics/types';
import type { Profile } from '../profiles/types';
import type { Discovery } from './discovery';
import { identityOf } from './identity';
import { compareRows } from './rows';

export function rangeToSeries(def: MetricDef, result: readonly RangeSeries[], stepSeconds: number, profile: Profile, disc: Discovery): Series[] {
  const out: Series[] = result.map((r) => {
    const id = identityOf(def, r.labels, profile, disc);
    return {
      metric: def.id,
      member: id.member,
      unit: def.unit,
      ...(id.labels ? { labels: id.labels } : {}),
      points: withGaps(r.points, stepSeconds * 1000),
    };
  });
  return out.sort(compareRows);
}

/** Inserts one null point inside every hole longer than 1.5 steps; NaN/±Inf become null too. */
export function withGaps(points: readonly Point[], stepMs: number): Point[] {
  const out: Point[] = [];
  let prev: number | undefined;
  for (const [t, v] of points) {
    if (prev !== undefined && t - prev > 1.5 * stepMs) out.push([prev + stepMs, null]);
    out.push([t, typeof v === 'number' && Number.isFinite(v) ? v : null]);
    prev = t;
  }
  return out;
}
