// resolveTimeRange: durations or start/end into the one TimeRange of a run, with clear errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTimeRange, TimeRangeError } from '../../src/core/util/timeRange';
import { DurationError } from '../../src/core/util/duration';

const now = new Date('2024-05-01T12:00:00Z');

test('duration only: ends now', () => {
  const r = resolveTimeRange({ duration: '6h' }, now);
  assert.deepEqual(r, { start: '2024-05-01T06:00:00.000Z', end: '2024-05-01T12:00:00.000Z', duration: '6h', stepSeconds: 20 });
});

test('default duration is 1h', () => {
  const r = resolveTimeRange({}, now);
  assert.equal(r.duration, '1h');
  assert.equal(r.start, '2024-05-01T11:00:00.000Z');
  assert.equal(r.stepSeconds, 5);
});

test('start and end as ISO or epoch seconds', () => {
  const r = resolveTimeRange({ start: '2024-05-01T10:00:00Z', end: 1714564800 }, now);
  assert.equal(r.start, '2024-05-01T10:00:00.000Z');
  assert.equal(r.end, '2024-05-01T12:00:00.000Z');
  assert.equal(r.duration, '2h');
});

test('end + duration counts back; start + duration counts forward', () => {
  assert.equal(resolveTimeRange({ end: '2024-05-01T11:00:00Z', duration: '30m' }, now).start, '2024-05-01T10:30:00.000Z');
  assert.equal(resolveTimeRange({ start: '2024-05-01T09:00:00Z', duration: '1h' }, now).end, '2024-05-01T10:00:00.000Z');
});

test('errors name what failed', () => {
  assert.throws(() => resolveTimeRange({ duration: '2m' }, now), DurationError);
  assert.throws(() => resolveTimeRange({ duration: 'soon' }, now), /not a duration/);
  assert.throws(() => resolveTimeRange({ start: 'yesterday', end: now.toISOString() }, now), /start "yesterday" is not a time/);
  assert.throws(() => resolveTimeRange({ start: '2024-05-01T12:00:00Z', end: '2024-05-01T11:00:00Z' }, now), /must be before end/);
  assert.throws(() => resolveTimeRange({ end: '2024-05-02T12:00:00Z' }, now), /in the future/);
  assert.throws(() => resolveTimeRange({ start: '2024-04-01T00:00:00Z', end: '2024-05-01T00:00:00Z' }, now), TimeRangeError);
  assert.throws(() => resolveTimeRange({ start: '2024-05-01T11:58:00Z', end: '2024-05-01T12:00:00Z' }, now), /outside the supported range/);
});

test('an end a minute ahead (clock skew) is accepted', () => {
  const r = resolveTimeRange({ end: '2024-05-01T12:01:00Z' }, now);
  assert.equal(r.end, '2024-05-01T12:01:00.000Z');
});
