// Trend math over stored points (pure, no I/O).
//
// Slope: ordinary least squares of value against time in days; r² says how much of the variation the line explains.
//
// Change points: binary segmentation on the mean. For a segment, every split with at least `minSegment` points on
// each side is scored by the two-sample t statistic of the means, |m₁ − m₂| / (s·√(1/n₁ + 1/n₂)), s being the pooled
// standard deviation. The best split is accepted when t ≥ `minT` (default 4: far beyond noise for segments of 5+
// points) and the shift is at least `minRelativeShift` (default 10 %) of the earlier mean; then both halves are
// searched again, up to `maxChangePoints`. Simple, deterministic, and it finds the "the disk got slower on Tuesday"
// step that a single slope averages away.

export interface XY {
  t: number; // epoch ms
  v: number;
}

export interface SlopeFit {
  /** Units of the metric per day. */
  slopePerDay: number;
  /** slopePerDay relative to the mean (0.05 = +5 %/day); null when the mean is 0. */
  relativeSlopePerDay: number | null;
  intercept: number;
  r2: number;
  n: number;
  mean: number;
}

export function fitSlope(points: XY[]): SlopeFit | null {
  const n = points.length;
  if (n < 2) return null;
  const t0 = points[0].t;
  let sx = 0, sy = 0;
  for (const p of points) {
    sx += (p.t - t0) / 86_400_000;
    sy += p.v;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of points) {
    const dx = (p.t - t0) / 86_400_000 - mx;
    const dy = p.v - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null; // all at one instant: no slope
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return {
    slopePerDay: slope,
    relativeSlopePerDay: my !== 0 ? slope / Math.abs(my) : null,
    intercept: my - slope * mx,
    r2,
    n,
    mean: my,
  };
}

export interface ChangePoint {
  /** Index of the first point of the new segment. */
  index: number;
  at: string; // ISO
  before: number; // mean of the segment before
  after: number; // mean of the segment after
  /** (after − before) / |before|; null when before is 0. */
  relativeChange: number | null;
  t: number; // the t statistic that accepted it
}

export interface ChangePointOptions {
  minSegment?: number;
  minT?: number;
  minRelativeShift?: number;
  maxChangePoints?: number;
}

interface Split {
  index: number;
  t: number;
}

/** Best mean-shift split of values[lo, hi). Prefix sums make each candidate O(1). */
function bestSplit(values: number[], lo: number, hi: number, minSeg: number): Split | null {
  const n = hi - lo;
  if (n < 2 * minSeg) return null;
  const ps = [0], pss = [0];
  for (let i = lo; i < hi; i++) {
    ps.push(ps[ps.length - 1] + values[i]);
    pss.push(pss[pss.length - 1] + values[i] * values[i]);
  }
  let best: Split | null = null;
  for (let k = minSeg; k <= n - minSeg; k++) {
    const n1 = k, n2 = n - k;
    const m1 = ps[k] / n1, m2 = (ps[n] - ps[k]) / n2;
    const ss1 = pss[k] - n1 * m1 * m1;
    const ss2 = pss[n] - pss[k] - n2 * m2 * m2;
    const pooled = Math.max(0, (ss1 + ss2) / Math.max(1, n - 2));
    const se = Math.sqrt(pooled * (1 / n1 + 1 / n2));
    const diff = Math.abs(m1 - m2);
    // Flat segments (se = 0) with different means are a perfect step; identical means are no step.
    const t = se > 0 ? diff / se : diff > 0 ? Number.POSITIVE_INFINITY : 0;
    if (!best || t > best.t) best = { index: lo + k, t };
  }
  return best;
}

export function changePoints(points: XY[], opts: ChangePointOptions = {}): ChangePoint[] {
  const minSeg = Math.max(2, opts.minSegment ?? 5);
  const minT = opts.minT ?? 4;
  const minShift = opts.minRelativeShift ?? 0.1;
  const maxCp = opts.maxChangePoints ?? 5;
  const values = points.map((p) => p.v);
  const mean = (lo: number, hi: number) => {
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    return s / (hi - lo);
  };
  const found: Split[] = [];
  const stack: [number, number][] = [[0, values.length]];
  while (stack.length && found.length < maxCp) {
    const [lo, hi] = stack.pop()!;
    const s = bestSplit(values, lo, hi, minSeg);
    if (!s || s.t < minT) continue;
    const before = mean(lo, s.index), after = mean(s.index, hi);
    const rel = before !== 0 ? Math.abs(after - before) / Math.abs(before) : after !== 0 ? Infinity : 0;
    if (rel < minShift) continue;
    found.push(s);
    stack.push([lo, s.index], [s.index, hi]);
  }
  // Report each change against its neighbouring segments (not the segment it was found in).
  const idx = found.map((f) => f.index).sort((a, b) => a - b);
  const bounds = [0, ...idx, values.length];
  return idx.map((index, i) => {
    const before = mean(bounds[i], index);
    const after = mean(index, bounds[i + 2]);
    return {
      index,
      at: new Date(points[index].t).toISOString(),
      before,
      after,
      relativeChange: before !== 0 ? (after - before) / Math.abs(before) : null,
      t: found.find((f) => f.index === index)!.t,
    };
  });
}
