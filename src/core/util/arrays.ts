// Array helpers for data of unbounded size (members, series, rows): `push(...rows)` and `Math.max(...values)` pass
// every element as a call argument and throw "Maximum call stack size exceeded" past some ten thousands of elements.

/** Appends `items` to `target` one by one; returns `target`. */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest value (NaN entries are skipped); -Infinity for an empty list, like Math.max(). */
export function maxOf(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** The smallest value (NaN entries are skipped); Infinity for an empty list, like Math.min(). */
export function minOf(values: readonly number[]): number {
  let m = Infinity;
  for (const v of values) if (v < m) m = v;
  return m;
}
