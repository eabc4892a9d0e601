// Durations as users type them, and the analysable window 5m..7d.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, parseAnalysisDuration, formatDuration, DurationError } from '../../src/core/util/duration';

test('parses units and compounds', () => {
  assert.equal(parseDuration('30s'), 30);
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.equal(parseDuration(' 7d '), 604800);
  assert.equal(parseDuration('1w'), 604800);
});

test('rejects malformed input with a message naming it', () => {
  for (const bad of ['', 'abc', '5', '1x', '-5m', '1.5h', '5m1h', '0m']) {
    assert.throws(() => parseDuration(bad), DurationError, bad);
  }
  assert.throws(() => parseDuration('1x'), /"1x" is not a duration/);
});

test('analysis window bounds: 5m..7d', () => {
  assert.equal(parseAnalysisDuration('5m'), 300);
  assert.equal(parseAnalysisDuration('7d'), 604800);
  assert.throws(() => parseAnalysisDuration('4m'), /outside the supported range 5m\.\.7d/);
  assert.throws(() => parseAnalysisDuration('8d'), /outside/);
});

test('formats back', () => {
  assert.equal(formatDuration(5400), '1h30m');
  assert.equal(formatDuration(604800), '7d');
  assert.equal(formatDuration(0), '0s');
});
