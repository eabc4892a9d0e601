// The QueryParams every catalog expression of one collection is rendered with.
import type { TimeRange } from '../types';
import type { EtcdGeneration, QueryParams } from '../metrics/types';
import type { Profile } from '../profiles/types';

/** Rolling rates need several scrapes per window: at least 60 s, and at least two chart steps so none is skipped. */
export function rollingWindowSeconds(stepSeconds: number): number {
  return Math.max(60, 2 * stepSeconds);
}

/**
 * Resolution of the "worst rolling value" subqueries: the chart step, but no finer than half the rolling window.
 * Consecutive rolling windows then overlap by half, so any burst up to half a window long (30 s at 1 h) lies whole
 * inside one of them and its peak is not diluted, while a 1 h window costs 120 evaluations instead of 720 — these
 * subqueries are most of a collection's server time (measured: scripts/bench/collection.bench.ts).
 */
export function subqueryStepSeconds(stepSeconds: number): number {
  return Math.max(stepSeconds, Math.ceil(rollingWindowSeconds(stepSeconds) / 2));
}

export function rangeSeconds(range: TimeRange): number {
  return Math.max(1, Math.round((Date.parse(range.end) - Date.parse(range.start)) / 1000));
}

export function buildQueryParams(range: TimeRange, profile: Profile, generation: EtcdGeneration, memberFilter: string): QueryParams {
  const step = Math.max(1, Math.round(range.stepSeconds));
  return {
    etcd: profile.etcdMatchers(),
    node: profile.nodeMatchers(),
    window: `${rangeSeconds(range)}s`,
    rateWindow: `${rollingWindowSeconds(step)}s`,
    step: `${subqueryStepSeconds(step)}s`,
    generation,
    memberFilter,
  };
}
