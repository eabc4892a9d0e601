// The QueryParams every catalog expression of one collection is rendered with.
import type { TimeRange } from '../types';
import type { EtcdGeneration, QueryParams } from '../metrics/types';
import type { Profile } from '../profiles/types';

/**
 * Rolling rates need several scrapes per window: at least 60 s, at least two chart steps so none is skipped, and at
 * least 4 scrape intervals when the interval is known (a 60 s window over a 60 s scrape holds one sample: no rate).
 */
export function rollingWindowSeconds(stepSeconds: number, scrapeSeconds?: number): number {
  const scrape = scrapeSeconds && Number.isFinite(scrapeSeconds) ? Math.ceil(4 * scrapeSeconds) : 0;
  return Math.max(60, 2 * stepSeconds, scrape);
}

/** Evaluations of a window-wide subquery, at most: its cost then stops growing with the window (see below). */
export const MAX_SUBQUERY_POINTS = 120;

/**
 * Resolution of the window-wide subqueries ("worst rolling value", derived gauges' avg/max/min): one rolling window,
 * so rolling windows tile the analysed window and every sample is read once — up to MAX_SUBQUERY_POINTS evaluations.
 * Beyond that (windows over ~2 h at a 60 s rolling window) the step grows with the window and the rolling windows,
 * which keep their length, sample the window instead of tiling it: a 7 d window is judged by 120 rolling windows of
 * 20 min (a third of the time), a peak shorter than the gap between them can be missed. Reading every sample of a
 * week for each maximum would make the week cost ~100× the hour.
 */
export function subqueryStepSeconds(stepSeconds: number, windowSeconds = 0, scrapeSeconds?: number): number {
  const rolling = rollingWindowSeconds(stepSeconds, scrapeSeconds);
  return Math.max(rolling, Math.ceil(windowSeconds / MAX_SUBQUERY_POINTS / rolling) * rolling);
}

/**
 * How much tiling rolling windows overlap (QueryParams.maxRateWindow): one scrape interval; unknown, a quarter of
 * the rolling window (which spans at least 4 scrape intervals when the interval is known).
 */
export function scrapeOverlapSeconds(rollingSeconds: number, scrapeSeconds?: number): number {
  if (scrapeSeconds && Number.isFinite(scrapeSeconds) && scrapeSeconds > 0) return Math.ceil(scrapeSeconds);
  return Math.ceil(rollingSeconds / 4);
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
  scrapeSeconds?: number,
): QueryParams {
  const step = Math.max(1, Math.round(range.stepSeconds));
  const rolling = rollingWindowSeconds(step, scrapeSeconds);
  const window = statWindowSeconds(rangeSeconds(range), rolling, dataSeconds);
  const subStep = subqueryStepSeconds(step, window, scrapeSeconds);
  return {
    etcd: profile.etcdMatchers(),
    node: profile.nodeMatchers(),
    window: `${window}s`,
    rateWindow: `${rolling}s`,
    step: `${subStep}s`,
    ...(subStep <= rolling ? { maxRateWindow: `${rolling + scrapeOverlapSeconds(rolling, scrapeSeconds)}s` } : {}),
    generation,
    memberFilter,
  };
}

/** The window's length, or the data's age (whole seconds, at least one rolling window) when the data is younger. */
export function statWindowSeconds(windowSeconds: number, rollingSeconds: number, dataSeconds?: number): number {
  if (dataSeconds === undefined || !Number.isFinite(dataSeconds) || dataSeconds < 0) return windowSeconds;
  return Math.min(windowSeconds, Math.max(rollingSeconds, Math.ceil(dataSeconds)));
}
