// The QueryParams every catalog expression of one collection is rendered with.
import type { TimeRange } from '../types';
import type { EtcdGeneration, QueryParams } from '../metrics/types';
import type { Profile } from '../profiles/types';

/** Rolling rates need several scrapes per window: at least 60 s, and at least two chart steps so none is skipped. */
export function rollingWindowSeconds(stepSeconds: number): number {
  return Math.max(60, 2 * stepSeconds);
}

/**
 * Resolution of the window-wide subqueries ("worst rolling value", gauge avg/max/min): one rolling window, so the
 * rolling windows tile the analysed window without overlap and every sample is read once. It follows the chart step
 * (2 × step, at least 60 s), so the number of evaluations stays about 60 at 1 h and grows with the window only as
 * the chart's own point count does. A burst shorter than a rolling window that straddles two of them shows at
 * between half and all of its peak (with half-overlapping windows, twice the evaluations, it showed whole).
 */
export function subqueryStepSeconds(stepSeconds: number): number {
  return rollingWindowSeconds(stepSeconds);
}

export function rangeSeconds(range: TimeRange): number {
  return Math.max(1, Math.round((Date.parse(range.end) - Date.parse(range.start)) / 1000));
}

/**
 * `dataSeconds`: how much of the window has data (coverage.ts); the statistics' window is shortened to it (rounded
 * to whole seconds), so rates over a window longer than the data are not dragged toward 0.
 */
export function buildQueryParams(
  range: TimeRange,
  profile: Profile,
  generation: EtcdGeneration,
  memberFilter: string,
  dataSeconds?: number,
): QueryParams {
  const step = Math.max(1, Math.round(range.stepSeconds));
  return {
    etcd: profile.etcdMatchers(),
    node: profile.nodeMatchers(),
    window: `${statWindowSeconds(rangeSeconds(range), rollingWindowSeconds(step), dataSeconds)}s`,
    rateWindow: `${rollingWindowSeconds(step)}s`,
    step: `${subqueryStepSeconds(step)}s`,
    generation,
    memberFilter,
  };
}

/** The window's length, or the data's age (whole seconds, at least one rolling window) when the data is younger. */
export function statWindowSeconds(windowSeconds: number, rollingSeconds: number, dataSeconds?: number): number {
  if (dataSeconds === undefined || !Number.isFinite(dataSeconds) || dataSeconds < 0) return windowSeconds;
  return Math.min(windowSeconds, Math.max(rollingSeconds, Math.ceil(dataSeconds)));
}
