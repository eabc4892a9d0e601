// Min-max decimation that keeps gaps. For each pixel column it keeps the first, lowest, highest and last
// point (so latency spikes survive), which bounds a line to about 4 points per pixel of chart width.
// Chart.js's own min-max decimation compares null as a number and can bridge gaps, hence this pass.

export interface XY {
  x: number;
  y: number | null;
}

/**
 * `t`/`v`: one columnar line (t ascending, v null = gap); `width` = drawable width in CSS pixels.
 * Returns Chart.js {x,y} objects (y null = gap) for at most ~4 points per pixel column (+1 gap marker).
 */
export function decimateMinMax(t: readonly number[], v: readonly (number | null)[], width: number, xMin?: number, xMax?: number): XY[] {
  const n = t.length;
  const buckets = Math.max(1, Math.floor(width));
  const out: XY[] = [];
  if (n <= buckets * 4) {
    for (let i = 0; i < n; i++) out.push({ x: t[i], y: v[i] });
    return out;
  }
  const lo = xMin ?? t[0];
  const span = (xMax ?? t[n - 1]) - lo || 1;
  const scale = buckets / span;
  let bucket = -1;
  let first = -1, last = -1, min = -1, max = -1, gapX = NaN;

  // Emit the bucket's kept values in x order, with one null at the bucket's first gap (so the line breaks there).
  const flush = () => {
    const idx = [first, min, max, last].filter((i, k, a) => i >= 0 && a.indexOf(i) === k).sort((a, b) => a - b);
    let gapPending = !Number.isNaN(gapX);
    for (const i of idx) {
      if (gapPending && t[i] > gapX) {
        out.push({ x: gapX, y: null });
        gapPending = false;
      }
      out.push({ x: t[i], y: v[i] });
    }
    if (gapPending) out.push({ x: gapX, y: null });
  };

  for (let i = 0; i < n; i++) {
    let b = Math.floor((t[i] - lo) * scale);
    if (b >= buckets) b = buckets - 1;
    if (b !== bucket) {
      if (bucket >= 0) flush();
      bucket = b;
      first = last = min = max = -1;
      gapX = NaN;
    }
    const y = v[i];
    if (y === null) {
      if (Number.isNaN(gapX)) gapX = t[i];
      continue;
    }
    if (first < 0) first = i;
    last = i;
    if (min < 0 || y < (v[min] as number)) min = i;
    if (max < 0 || y > (v[max] as number)) max = i;
  }
  if (bucket >= 0) flush();
  return out;
}
