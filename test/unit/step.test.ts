// Range-query step choice: no series above 1,100 points, nice steps, never below the scrape-friendly minimum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseStep, pointCount } from '../../src/core/source/step';

const H = 3600;

test('common windows stay under 1,100 points with the smallest nice step', () => {
  const expected: Record<string, [number, number]> = {
    '5m': [300, 5],
    '1h': [H, 5],
    '6h': [6 * H, 20],
    '24h': [24 * H, 120],
    '7d': [7 * 24 * H, 600],
  };
  for (const [name, [range, step]] of Object.entries(expected)) {
    const s = chooseStep(range);
    assert.equal(s, step, name);
    assert.ok(pointCount(range, s) <= 1100, `${name}: ${pointCount(range, s)} points`);
  }
});

test('every range from 1 minute to 30 days respects the cap', () => {
  for (let r = 60; r <= 30 * 86400; r = Math.ceil(r * 1.37)) {
    const s = chooseStep(r);
    assert.ok(pointCount(r, s) <= 1100, `range ${r}s step ${s} gives ${pointCount(r, s)}`);
    assert.ok(s >= 5);
  }
});

test('custom caps and minimums, and nonsense ranges', () => {
  assert.equal(chooseStep(3600, 100), 60);
  assert.equal(chooseStep(60, 1100, 30), 30);
  assert.equal(chooseStep(0), 5);
  assert.equal(chooseStep(Number.NaN), 5);
  assert.ok(chooseStep(5 * 365 * 86400) % 86400 === 0);
});
