// Now-vs-baseline comparison of one value (pure). A regression is a move in the worse direction by more than the
// tolerance (relative to the baseline) AND by more than a unit-specific absolute floor, so tiny values that
// double (1 µs → 2 µs) are not reported.
import type { Unit } from '../../types';
import { absoluteFloor, type Direction } from './metricTraits';

export interface Comparison {
  now: number;
  baseline: number;
  /** (now − baseline) / |baseline|; null when the baseline is 0. */
  change: number | null;
  regression: boolean;
  improvement: boolean;
}

export function compareValues(now: number, baseline: number, unit: Unit, direction: Direction, tolerance: number): Comparison {
  const diff = now - baseline;
  const change = baseline !== 0 ? diff / Math.abs(baseline) : null;
  const big = Math.abs(diff) > absoluteFloor(unit) && (change === null || Math.abs(change) > tolerance);
  const worse = direction === 'higher_worse' ? diff > 0 : direction === 'lower_worse' ? diff < 0 : false;
  const better = direction === 'higher_worse' ? diff < 0 : direction === 'lower_worse' ? diff > 0 : false;
  return { now, baseline, change, regression: big && worse, improvement: big && better };
}

// One median for the whole core; re-exported here for the baseline comparison's callers.
export { median } from '../../analysis/metricLookup';

/** "+63 %" / "−20 %" / "new" (from zero). */
export function formatChange(change: number | null): string {
  if (change === null) return 'from zero';
  const pct = Math.round(change * 100);
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct)} %`;
}
