// Misbehaving Prometheus answers through the CLI: each case asserts the exit code, the error kind and the words of
// the one stderr line — or, when only some queries misbehave or values are odd, that the result is kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePrometheus, type FakePrometheus, type Misbehaviour } from '../helpers/fakePrometheus';
import { cli, promFlags } from './harness';
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { SourceError } from '../../src/core/source/types';
import type { AnalyzerResult } from '../../src/core/types';

let prom: FakePrometheus;
before(async () => {
  prom = await startFakePrometheus();
});
after(async () => prom?.close());

const WAL = 'get_etcd_disk_wal_fsync';
const json = (o: unknown) => ({ contentType: 'application/json', body: JSON.stringify(o) });

/** [name, misbehaviour, exit code, stderr pattern] — every query misbehaves, so the preflight fails. */
const FATAL: [string, Misbehaviour, number, RegExp][] = [
  ['400 bad_data', { kind: 'status', status: 400, ...json({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }) }, 3, /bad_query: Prometheus rejected the query \(HTTP 400\): parse error at char 3/],
  ['401', { kind: 'status', status: 401 }, 3, /auth: .* answered 401 Unauthorized — Prometheus requires a token/],
  ['403', { kind: 'status', status: 403 }, 3, /forbidden: .* answered 403 Forbidden — the token is accepted but not allowed/],
  ['404', { kind: 'status', status: 404 }, 3, /has no Prometheus API \(HTTP 404 on \/api\/v1\)/],
  ['422 execution', { kind: 'status', status: 422, ...json({ status: 'error', errorType: 'execution', error: 'many-to-many matching' }) }, 3, /rejected the query \(HTTP 422\): many-to-many matching/],
  ['429 (retried)', { kind: 'status', status: 429 }, 3, /kept answering 429 Too Many Requests after 3 attempts/],
  ['500', { kind: 'status', status: 500 }, 3, /server: Prometheus answered HTTP 500 after 1 attempt/],
  ['502 (retried)', { kind: 'status', status: 502 }, 3, /answered HTTP 502 after 3 attempts/],
  ['503 (retried)', { kind: 'status', status: 503 }, 3, /answered HTTP 503 after 3 attempts/],
  ['504 (retried)', { kind: 'status', status: 504 }, 3, /answered HTTP 504 after 3 attempts/],
  ['418', { kind: 'status', status: 418 }, 3, /bad_response: unexpected HTTP 418 from/],
  ['200 with an error envelope (timeout)', { kind: 'status', status: 200, ...json({ status: 'error', errorType: 'timeout', error: 'query timed out' }) }, 3, /timeout: Prometheus timed out evaluating the query: query timed out/],
  ['an HTML login page', { kind: 'body', body: '<html><title>Sign in</title></html>', contentType: 'text/html' }, 3, /the answer is not JSON \(starts with "<html><title>Sign in/],
  ['JSON that is not the API', { kind: 'body', body: '{"foo":1}' }, 3, /JSON but not a Prometheus API response/],
  ['an empty body', { kind: 'body', body: '' }, 3, /the answer is not JSON \(starts with ""\)/],
  ['the JSON null', { kind: 'body', body: 'null' }, 3, /not a Prometheus API response/],
  ['a body cut off mid-answer', { kind: 'truncated' }, 3, /the answer was cut off after \d+ bytes/],
  ['a reset connection', { kind: 'reset' }, 3, /unreachable: cannot connect to .* \(ECONNRESET\)/],
  ['an instant query answered with a matrix', { kind: 'resultType', resultType: 'matrix' }, 3, /an instant query returned "matrix", expected a vector/],
  ['a vector without a result list', { kind: 'body', body: '{"status":"success","data":{"resultType":"vector","result":7}}' }, 3, /a vector answer has no "result" list/],
  ['an unknown result type', { kind: 'resultType', resultType: 'banana' }, 3, /returned "banana", expected a vector/],
  ['a sample that is not [time, value]', { kind: 'body', body: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":"x"}]}}' }, 3, /a sample is not \[time, "value"\]/],
];

describe('CLI: a misbehaving Prometheus is one line and exit 3', () => {
  for (const [name, m, code, pattern] of FATAL) {
    test(name, async () => {
      prom.set(m);
      const r = await cli(['run', WAL, ...promFlags(prom.url)]);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }
});

describe('CLI: odd values and slow bodies keep the result', () => {
  const KEEP: [string, Misbehaviour][] = [
    ['NaN everywhere', { kind: 'value', value: 'NaN' }],
    ['+Inf everywhere', { kind: 'value', value: '+Inf' }],
    ['-Inf everywhere', { kind: 'value', value: '-Inf' }],
    ['a string value', { kind: 'value', value: 'abc' }],
    ['an empty string value', { kind: 'value', value: '' }],
    ['1e309 (overflows to Inf)', { kind: 'value', value: '1e309' }],
    ['a body trickled in 20 chunks', { kind: 'trickle', chunkDelayMs: 10, chunks: 20 }],
  ];
  for (const [name, m] of KEEP) {
    test(name, async () => {
      prom.set(m);
      const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const res = JSON.parse(r.stdout) as AnalyzerResult;
      assert.equal(res.tool, WAL);
      assert.notEqual(res.status, 'failed');
      assert.ok(res.metrics.length > 0, 'rows kept');
      if (m.kind === 'value' && m.value !== '') {
        // Non-finite and non-numeric values are gaps (null), never 0 or a number.
        const finite = /^[0-9.]+$/.test(m.value);
        if (!finite) assert.ok(res.metrics.every((row) => Object.values(row.stats).every((v) => v === null)), JSON.stringify(res.metrics[0]));
      }
    });
  }
});

describe('CLI: one misbehaving query leaves a partial result', () => {
  const PARTIAL: [string, Misbehaviour, RegExp][] = [
    ['503 on the fsync histogram', { kind: 'status', status: 503 }, /answered HTTP 503/],
    ['400 on the fsync histogram', { kind: 'status', status: 400, ...json({ status: 'error', errorType: 'bad_data', error: 'bad' }) }, /rejected the query \(HTTP 400\)/],
    ['non-JSON on the fsync histogram', { kind: 'body', body: 'oops' }, /not JSON/],
    ['a cut-off body on the fsync histogram', { kind: 'truncated' }, /cut off/],
    ['a Prometheus warning on the fsync histogram', { kind: 'warnings', warnings: ['partial response: store \u001b[31mdown'] }, /answered with a warning: partial response: store  ?\[31mdown/],
  ];
  for (const [name, m, pattern] of PARTIAL) {
    test(name, async () => {
      prom.set(m, /wal_fsync_duration_seconds_bucket/);
      const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const res = JSON.parse(r.stdout) as AnalyzerResult;
      assert.equal(res.status, 'partial');
      assert.ok(res.errors.some((e) => pattern.test(e.message)), JSON.stringify(res.errors).slice(0, 600));
      assert.ok(res.metrics.length > 0, 'other metrics kept');
      assert.match(r.stderr, /results are partial/);
      assert.ok(!r.stderr.includes('\u001b'), 'no escape character reaches the terminal');
    });
  }
  for (const format of ['table', 'summary']) test(`the ${format} output names the failed query and keeps the rows`, async () => {
    prom.set({ kind: 'status', status: 503 }, /wal_fsync_duration_seconds_bucket/);
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', format]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /WAL fsync operations/);
    assert.match(r.stdout, /FAILED QUERIES \(\d+\)/);
  });
});

describe('engine: timeouts and hangs', () => {
  test('a hanging Prometheus is a timeout error after the per-query timeout', async () => {
    prom.set({ kind: 'hang' });
    const src = createPrometheusSource({ url: prom.url, timeoutMs: 300, retries: 0 });
    try {
      await assert.rejects(src.instant('up'), (e: unknown) => e instanceof SourceError && e.kind === 'timeout' && /did not answer within/.test(e.message));
    } finally {
      src.close();
    }
  });
  test('a body trickled slower than the timeout is a timeout, not a partial parse', async () => {
    prom.set({ kind: 'trickle', chunkDelayMs: 200, chunks: 10 });
    const src = createPrometheusSource({ url: prom.url, timeoutMs: 500, retries: 0 });
    try {
      await assert.rejects(src.instant('up'), (e: unknown) => e instanceof SourceError && e.kind === 'timeout');
    } finally {
      src.close();
    }
  });
  test('an aborted run is cancelled, not an error of the server', async () => {
    prom.set({ kind: 'hang' });
    const src = createPrometheusSource({ url: prom.url, timeoutMs: 10_000, retries: 0 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    try {
      await assert.rejects(src.instant('up', undefined, { signal: ac.signal }), (e: unknown) => e instanceof SourceError && e.kind === 'cancelled');
    } finally {
      src.close();
    }
  });
});
