// Chart.js wants {x, y} objects with parsing off: decimate the columnar line to the chart's pixel width first
// (src/core/report/decimate.ts), then build only the objects that will be drawn.
import { decimateColumns } from '../../src/core/report/decimate';

export interface XY {
  x: number;
  y: number | null;
}

/** ≤ ~4 points per pixel column of `width`; y null = gap. */
export function decimateMinMax(t: readonly number[], v: readonly (number | null)[], width: number, xMin?: number, xMax?: number): XY[] {
  const c = decimateColumns(t, v, width, xMin ?? t[0], xMax ?? t[t.length - 1]);
  const out = new Array<XY>(c.t.length);
  for (let i = 0; i < c.t.length; i++) out[i] = { x: c.t[i], y: c.v[i] };
  return out;
}
