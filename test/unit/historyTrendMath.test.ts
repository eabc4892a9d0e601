// Trend math: least-squares slope, mean-shift change points, and the now-vs-baseline comparison.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fitSlope, changePoints, type XY } from '../../src/core/analyzers/history/trendMath';
import { compareValues, median } from '../../src/core/analyzers/history/baselineMath';

const DAY = 86_400_000;
const t0 = Date.parse('2026-01-01T00:00:00Z');
/** Deterministic small noise in [-1, 1]. */
const noise = (i: number) => Math.sin(i * 12.9898) * 0.5 + Math.sin(i * 78.233) * 0.5;

describe('fitSlope', () => {
  test('an exact line gives its slope per day and r² = 1', () => {
    const pts: XY[] = Array.from({ length: 10 }, (_, i) => ({ t: t0 + i * DAY / 2, v: 5 + 0.2 * (i / 2) }));
    const fit = fitSlope(pts)!;
    assert.ok(Math.abs(fit.slopePerDay - 0.2) < 1e-9);
    assert.ok(Math.abs(fit.r2 - 1) < 1e-9);
    assert.ok(Math.abs(fit.intercept - 5) < 1e-9);
    assert.equal(fit.n, 10);
    assert.ok(Math.abs(fit.relativeSlopePerDay! - 0.2 / fit.mean) < 1e-12);
  });

  test('noise around a flat level gives a slope near 0 and a low r²', () => {
    const pts: XY[] = Array.from({ length: 200 }, (_, i) => ({ t: t0 + i * 3_600_000, v: 10 + noise(i) }));
    const fit = fitSlope(pts)!;
    assert.ok(Math.abs(fit.slopePerDay) < 0.1, `slope ${fit.slopePerDay}`);
    assert.ok(fit.r2 < 0.1, `r2 ${fit.r2}`);
  });

  test('falling values give a negative slope; fewer than 2 points or one instant give none', () => {
    assert.ok(fitSlope([{ t: t0, v: 3 }, { t: t0 + DAY, v: 1 }])!.slopePerDay === -2);
    assert.equal(fitSlope([{ t: t0, v: 3 }]), null);
    assert.equal(fitSlope([{ t: t0, v: 3 }, { t: t0, v: 4 }]), null);
  });
});

describe('changePoints', () => {
  const series = (levels: [number, number][]) => {
    const out: XY[] = [];
    for (const [n, level] of levels) for (let i = 0; i < n; i++) out.push({ t: t0 + out.length * 300_000, v: level + 0.05 * level * noise(out.length) });
    return out;
  };

  test('one step up is found at the right index with the segment means', () => {
    const cps = changePoints(series([[30, 2], [20, 5]]));
    assert.equal(cps.length, 1);
    assert.equal(cps[0].index, 30);
    assert.ok(Math.abs(cps[0].before - 2) < 0.1 && Math.abs(cps[0].after - 5) < 0.2);
    assert.ok(cps[0].relativeChange! > 1.3);
    assert.equal(cps[0].at, new Date(t0 + 30 * 300_000).toISOString());
  });

  test('two steps (up, then back down) are both found, in time order', () => {
    const cps = changePoints(series([[25, 1], [25, 3], [25, 1.2]]));
    assert.deepEqual(cps.map((c) => c.index), [25, 50]);
    assert.ok(cps[0].relativeChange! > 0 && cps[1].relativeChange! < 0);
  });

  test('noise alone, small shifts, and segments shorter than the minimum give none', () => {
    assert.deepEqual(changePoints(series([[60, 4]])), []);
    assert.deepEqual(changePoints(series([[30, 4], [30, 4.2]])), [], 'a 5 % shift is below the 10 % minimum');
    assert.deepEqual(changePoints(series([[20, 2], [3, 9], [20, 2]]), { minSegment: 5 }), [], 'a 3-point blip in the middle is not a level shift');
    assert.deepEqual(changePoints([]), []);
  });

  test('a perfectly flat series with one clean step is found (zero variance is handled)', () => {
    const pts: XY[] = [...Array(8).fill(1), ...Array(8).fill(2)].map((v, i) => ({ t: t0 + i, v }));
    assert.deepEqual(changePoints(pts).map((c) => c.index), [8]);
  });
});

describe('compareValues', () => {
  test('a rise beyond the tolerance of a higher-is-worse metric is a regression', () => {
    const c = compareValues(0.005, 0.002, 'seconds', 'higher_worse', 0.25);
    assert.equal(c.regression, true);
    assert.ok(Math.abs(c.change! - 1.5) < 1e-9);
  });
  test('within tolerance, or below the absolute floor, is not', () => {
    assert.equal(compareValues(0.0024, 0.002, 'seconds', 'higher_worse', 0.25).regression, false);
    assert.equal(compareValues(0.000004, 0.000001, 'seconds', 'higher_worse', 0.25).regression, false, '1 µs → 4 µs is noise');
  });
  test('direction: lower-is-worse drops regress, neutral metrics never do, improvements are marked', () => {
    assert.equal(compareValues(0, 1, 'bool', 'lower_worse', 0.25).regression, true);
    assert.equal(compareValues(500, 100, 'per_second', 'neutral', 0.25).regression, false);
    const better = compareValues(0.001, 0.01, 'seconds', 'higher_worse', 0.25);
    assert.equal(better.improvement, true);
    assert.equal(better.regression, false);
  });
  test('from a zero baseline only the absolute floor counts', () => {
    const c = compareValues(3, 0, 'count', 'higher_worse', 0.25);
    assert.equal(c.change, null);
    assert.equal(c.regression, true);
    assert.equal(compareValues(0.5, 0, 'count', 'higher_worse', 0.25).regression, false);
  });
  test('median is robust to one odd run', () => {
    assert.equal(median([1, 2, 100]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});
