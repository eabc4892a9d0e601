// Min-max decimation that keeps gaps, on columnar lines. For each bucket (pixel column) it keeps the first,
// lowest, highest and last point, so latency spikes survive; a gap inside a bucket stays a gap (one null).
// Used twice: by the report/dashboard builders to cap what crosses postMessage (MAX_LINE_BUCKETS), and by the
// webview for the chart's real pixel width. Chart.js's own min-max decimation compares null as a number and
// can bridge gaps, hence this pass.

export interface Columns {
  t: number[];
  v: (number | null)[];
}

/** As wide as the widest chart we draw (4 points per bucket → ≤ 4,800 + gaps per line): what the builders keep. */
export const MAX_LINE_BUCKETS = 1200;

/**
 * `t` ascending, `v` null = gap. Returns at most 4 points (+1 gap marker) per bucket; the input itself when it is
 * already small enough. `lo`/`hi` = the x window the buckets divide (default: the line's extent).
 */
export function decimateColumns(t: readonly number[], v: readonly (number | null)[], buckets: number, lo = t[0], hi = t[t.length - 1]): Columns {
  const n = t.length;
  const nb = Math.max(1, Math.floor(buckets));
  if (n <= nb * 4) return { t: t.slice(), v: v.slice() };
  const ot: number[] = [];
  const ov: (number | null)[] = [];
  const scale = nb / (hi - lo || 1);
  let bucket = -1;
  let first = -1, last = -1, min = -1, max = -1, gapX = NaN;

  const emit = (i: number, gapPending: boolean): boolean => {
    if (gapPending && t[i] > gapX) {
      ot.push(gapX);
      ov.push(null);
      gapPending = false;
    }
    ot.push(t[i]);
    ov.push(v[i]);
    return gapPending;
  };
  // The bucket's kept points in index (= x) order, without duplicates, and one null at its first gap.
  const flush = () => {
    let gap = !Number.isNaN(gapX);
    if (first >= 0) {
      const a = min < max ? min : max;
      const b = min < max ? max : min;
      gap = emit(first, gap);
      if (a !== first) gap = emit(a, gap);
      if (b !== first && b !== a) gap = emit(b, gap);
      if (last !== first && last !== a && last !== b) gap = emit(last, gap);
    }
    if (gap) {
      ot.push(gapX);
      ov.push(null);
    }
  };

  for (let i = 0; i < n; i++) {
    let b = Math.floor((t[i] - lo) * scale);
    if (b >= nb) b = nb - 1;
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
    if (first < 0) {
      first = last = min = max = i;
      continue;
    }
    last = i;
    if (y < (v[min] as number)) min = i;
    else if (y > (v[max] as number)) max = i;
  }
  if (bucket >= 0) flush();
  return { t: ot, v: ov };
}
