// Range-query step: the smallest "nice" step that keeps every series at or below maxPoints.
const NICE_STEPS = [5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

export const DEFAULT_MAX_POINTS = 1100;
export const DEFAULT_MIN_STEP = 5;

/** Prometheus returns floor(range/step)+1 points; the result keeps that count ≤ maxPoints. */
export function chooseStep(rangeSeconds: number, maxPoints = DEFAULT_MAX_POINTS, minStep = DEFAULT_MIN_STEP): number {
  if (!Number.isFinite(rangeSeconds) || rangeSeconds <= 0) return minStep;
  const needed = rangeSeconds / Math.max(1, maxPoints - 1);
  const floor = Math.max(minStep, needed);
  const nice = NICE_STEPS.find((s) => s >= floor);
  // Beyond the table (ranges of years): whole days.
  return nice ?? Math.ceil(floor / 86400) * 86400;
}

/** Number of points Prometheus returns for a range query. */
export function pointCount(rangeSeconds: number, stepSeconds: number): number {
  return Math.floor(rangeSeconds / stepSeconds) + 1;
}
