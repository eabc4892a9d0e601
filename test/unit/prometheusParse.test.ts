// Parsing recorded Prometheus answers (test/fixtures/prometheus, recorded from the dev test bed; see its README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvelope, parseInstantData, parseRangeData, parseBuildInfo, parseSampleValue, ParseError } from '../../src/core/source/parse';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'prometheus', name), 'utf8');

test('instant vector: three etcd members up', () => {
  const rows = parseInstantData(parseEnvelope(fixture('instant_up_etcd.json')).data);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => r.labels.member).sort(), ['m1', 'm2', 'm3']);
  assert.ok(rows.every((r) => r.value === 1 && r.time > 1.6e12));
});

test('instant quantiles are seconds as numbers', () => {
  const rows = parseInstantData(parseEnvelope(fixture('instant_wal_fsync_p99.json')).data);
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => typeof r.value === 'number' && r.value > 0 && r.value < 1));
});

test('range matrix: NaN points (no events) are null, not 0', () => {
  const series = parseRangeData(parseEnvelope(fixture('range_backend_commit_p99.json')).data);
  assert.equal(series.length, 3);
  const all = series.flatMap((s) => s.points);
  assert.ok(all.some(([, v]) => v === null), 'recorded data contains NaN');
  assert.ok(!all.some(([, v]) => v === 0));
  assert.ok(all.every(([t]) => Number.isInteger(t) && t % 1000 === 0));
});

test('recorded NaN and -Inf answers become null; +Inf is kept on instant samples (above the top bucket)', () => {
  assert.deepEqual(parseInstantData(parseEnvelope(fixture('instant_nan.json')).data).map((r) => r.value), [null]);
  const inf = parseInstantData(parseEnvelope(fixture('instant_inf.json')).data).map((r) => r.value);
  assert.deepEqual(inf, [Number.POSITIVE_INFINITY, null]);
  assert.equal(parseSampleValue('+Inf'), null, 'chart points never hold infinity');
  assert.equal(parseSampleValue('+Inf', true), Number.POSITIVE_INFINITY);
  assert.equal(parseSampleValue('-Inf', true), null);
  assert.equal(parseSampleValue('1e-3'), 0.001);
  assert.equal(parseSampleValue(undefined), null);
});

test('recorded error envelope and buildinfo', () => {
  const env = parseEnvelope(fixture('error_bad_data.json'));
  assert.equal(env.status, 'error');
  assert.equal(env.errorType, 'bad_data');
  assert.match(env.error ?? '', /unclosed left parenthesis/);
  assert.match(parseBuildInfo(parseEnvelope(fixture('buildinfo.json')).data).version, /^2\./);
});

test('shape errors', () => {
  assert.throws(() => parseEnvelope('<html>'), ParseError);
  assert.throws(() => parseEnvelope('{"data":1}'), /not a Prometheus API response/);
  assert.throws(() => parseInstantData({ resultType: 'matrix', result: [] }), /expected a vector/);
  assert.throws(() => parseRangeData({ resultType: 'vector', result: [] }), /expected a matrix/);
  assert.deepEqual(parseInstantData({ resultType: 'scalar', result: [10, '4'] }), [{ labels: {}, value: 4, time: 10000 }]);
});
