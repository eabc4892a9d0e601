// Prometheus source against an in-process TEST DOUBLE HTTP server on 127.0.0.1 (test/helpers/httpTestDouble.ts):
// status codes, retries, timeouts, malformed answers, NaN/Inf, de-duplication, the concurrency cap, and that
// the bearer token never leaks into errors or log lines.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { SourceError } from '../../src/core/source/types';
import type { Logger } from '../../src/core/util/log';
import { startTestDouble, vector, closedPort, type Handler, type TestDouble } from '../helpers/httpTestDouble';

const TOKEN = 'sha256~SECRET-token-value-123';
const doubles: TestDouble[] = [];
after(async () => {
  await Promise.all(doubles.map((d) => d.close()));
});

async function serve(handler: Handler): Promise<TestDouble> {
  const d = await startTestDouble(handler);
  doubles.push(d);
  return d;
}

function recordingLog(lines: string[]): Logger {
  const push = (m: string) => lines.push(m);
  return { trace: push, debug: push, info: push, warn: push, error: push };
}

async function failure(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SourceError, `expected SourceError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the query to fail');
}

const fast = { retryBaseMs: 5, retries: 2 };

test('instant query: POST form body with the query, bearer token header, parsed samples', async () => {
  const d = await serve(() => ({ body: vector([{ labels: { member: 'm1' }, value: '0.004' }]) }));
  const src = createPrometheusSource({ url: d.url + '/', token: TOKEN, ...fast });
  const rows = await src.instant('up{job="etcd"}', new Date(1_700_000_000_000));
  assert.deepEqual(rows, [{ labels: { member: 'm1' }, value: 0.004, time: 1_700_000_000_000 }]);
  const req = d.requests[0];
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/api/v1/query');
  assert.equal(req.form.get('query'), 'up{job="etcd"}');
  assert.equal(req.form.get('time'), '1700000000');
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
});

test('URL with a path prefix keeps it', async () => {
  const d = await serve(() => ({ body: vector([]) }));
  const src = createPrometheusSource({ url: d.url + '/prometheus/', ...fast });
  await src.instant('up');
  assert.equal(d.requests[0].path, '/prometheus/api/v1/query');
});

test('range query sends start/end/step and NaN/+Inf/-Inf become null', async () => {
  const d = await serve(() => ({
    body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: { member: 'm1' }, values: [[100, '1'], [160, 'NaN'], [220, '+Inf'], [280, '-Inf'], [340, '2.5']] }] } },
  }));
  const src = createPrometheusSource({ url: d.url, ...fast });
  const series = await src.range('q', new Date(100_000), new Date(340_000), 60);
  assert.deepEqual(series[0].points, [[100_000, 1], [160_000, null], [220_000, null], [280_000, null], [340_000, 2.5]]);
  assert.equal(d.requests[0].form.get('step'), '60');
  assert.equal(d.requests[0].form.get('start'), '100');
  assert.equal(d.requests[0].form.get('end'), '340');
});

test('401 → auth error with the token hint, no retry, token not in message', async () => {
  const d = await serve(() => ({ status: 401, body: 'Unauthorized' }));
  const lines: string[] = [];
  const src = createPrometheusSource({ url: d.url, token: TOKEN, log: recordingLog(lines), ...fast });
  const e = await failure(src.instant('up'));
  assert.equal(e.kind, 'auth');
  assert.equal(e.query, 'up');
  assert.match(e.hint, /Set Prometheus Token|--token-file/);
  assert.equal(d.requests.length, 1);
  assert.ok(!JSON.stringify({ m: e.message, h: e.hint, lines }).includes(TOKEN));
  assert.ok(lines.length > 0, 'logs the query and timing');
});

test('403 → forbidden with a permission hint', async () => {
  const d = await serve(() => ({ status: 403, body: 'Forbidden' }));
  const e = await failure(createPrometheusSource({ url: d.url, token: TOKEN, ...fast }).instant('up'));
  assert.equal(e.kind, 'forbidden');
  assert.match(e.hint, /access|role/);
});

test('404 (wrong path) → unreachable naming the URL', async () => {
  const d = await serve(() => ({ status: 404, body: '404 page not found', headers: { 'Content-Type': 'text/plain' } }));
  const e = await failure(createPrometheusSource({ url: d.url + '/wrong', ...fast }).instant('up'));
  assert.equal(e.kind, 'unreachable');
  assert.ok(e.hint.includes(d.url + '/wrong'));
  assert.equal(d.requests.length, 1);
});

test("400 bad query → bad_query carrying Prometheus' error text and the query", async () => {
  const d = await serve(() => ({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error: unexpected end of input' } }));
  const e = await failure(createPrometheusSource({ url: d.url, ...fast }).instant('up{'));
  assert.equal(e.kind, 'bad_query');
  assert.equal(e.query, 'up{');
  assert.match(e.message, /unexpected end of input/);
  assert.equal(d.requests.length, 1);
});

test('429 then success: retried, honouring Retry-After', async () => {
  const d = await serve((_r, n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '0' }, body: 'slow down' } : { body: vector([{ labels: {}, value: '1' }]) }));
  const src = createPrometheusSource({ url: d.url, ...fast });
  const rows = await src.instant('up');
  assert.equal(rows[0].value, 1);
  assert.equal(d.requests.length, 2);
  assert.equal(src.stats().retries, 1);
});

test('503 every time: retries exhausted → server error, 3 attempts', async () => {
  const d = await serve(() => ({ status: 503, body: 'unavailable' }));
  const src = createPrometheusSource({ url: d.url, ...fast });
  const e = await failure(src.instant('up'));
  assert.equal(e.kind, 'server');
  assert.equal(e.status, 503);
  assert.equal(d.requests.length, 3);
  assert.match(e.message, /3 attempts/);
});

test('malformed JSON → bad_response', async () => {
  const d = await serve(() => ({ body: '<html>login</html>', headers: { 'Content-Type': 'text/html' } }));
  const e = await failure(createPrometheusSource({ url: d.url, ...fast }).instant('up'));
  assert.equal(e.kind, 'bad_response');
  assert.match(e.message, /not JSON/);
});

test('JSON of the wrong shape → bad_response', async () => {
  const d = await serve(() => ({ body: { status: 'success', data: { resultType: 'matrix', result: 'nope' } } }));
  const e = await failure(createPrometheusSource({ url: d.url, ...fast }).range('up', new Date(0), new Date(600_000), 60));
  assert.equal(e.kind, 'bad_response');
});

test('a slow answer → timeout error', async () => {
  const d = await serve(() => ({ delayMs: 2000, body: vector([]) }));
  const e = await failure(createPrometheusSource({ url: d.url, timeoutMs: 100, ...fast }).instant('up'));
  assert.equal(e.kind, 'timeout');
  assert.match(e.hint, /duration|timeout/);
});

test('caller abort → cancelled', async () => {
  const d = await serve(() => ({ delayMs: 2000, body: vector([]) }));
  const ac = new AbortController();
  const p = createPrometheusSource({ url: d.url, ...fast }).instant('up', undefined, { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  const e = await failure(p);
  assert.equal(e.kind, 'cancelled');
});

test('connection refused → unreachable after retries, hint asks whether Prometheus runs', async () => {
  const port = await closedPort();
  const src = createPrometheusSource({ url: `http://127.0.0.1:${port}`, token: TOKEN, ...fast });
  const e = await failure(src.instant('up'));
  assert.equal(e.kind, 'unreachable');
  assert.match(e.message, /ECONNREFUSED/);
  assert.match(e.hint, /is Prometheus running/);
  assert.equal(src.stats().retries, 2);
  assert.ok(!e.message.includes(TOKEN) && !e.hint.includes(TOKEN));
});

test('an invalid URL → bad_input, no request', async () => {
  const e = await failure(createPrometheusSource({ url: 'not a url', ...fast }).instant('up'));
  assert.equal(e.kind, 'bad_input');
});

test('credentials in the URL are sent as Basic auth and never shown', async () => {
  const d = await serve(() => ({ status: 401, body: 'no' }));
  const src = createPrometheusSource({ url: d.url.replace('http://', 'http://user:pa55word@'), ...fast });
  assert.ok(!src.description.includes('pa55word'));
  const e = await failure(src.instant('up'));
  assert.equal(d.requests[0].headers.authorization, `Basic ${Buffer.from('user:pa55word').toString('base64')}`);
  assert.ok(!e.message.includes('pa55word'));
});

test('Prometheus error text that echoes the token is redacted', async () => {
  const d = await serve(() => ({ status: 422, body: { status: 'error', errorType: 'execution', error: `bad header Bearer ${TOKEN}` } }));
  const e = await failure(createPrometheusSource({ url: d.url, token: TOKEN, ...fast }).instant('up'));
  assert.equal(e.kind, 'bad_query');
  assert.ok(!e.message.includes(TOKEN));
});

test('identical queries share one HTTP request (in flight and completed)', async () => {
  const d = await serve(() => ({ delayMs: 30, body: vector([{ labels: {}, value: '1' }]) }));
  const src = createPrometheusSource({ url: d.url, ...fast });
  const t = new Date(1_700_000_000_000);
  const [a, b] = await Promise.all([src.instant('up', t), src.instant('up', t)]);
  const c = await src.instant('up', t);
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  assert.equal(d.requests.length, 1);
  assert.equal(src.stats().httpRequests, 1);
  assert.equal(src.stats().dedupHits, 2);
  await src.instant('up', new Date(1_700_000_060_000));
  assert.equal(d.requests.length, 2, 'a different time is a different request');
});

test('one caller aborting does not cancel a shared request for the other', async () => {
  const d = await serve(() => ({ delayMs: 100, body: vector([{ labels: {}, value: '7' }]) }));
  const src = createPrometheusSource({ url: d.url, ...fast });
  const ac = new AbortController();
  const first = src.instant('up', undefined, { signal: ac.signal });
  const second = src.instant('up');
  ac.abort();
  assert.equal((await failure(first)).kind, 'cancelled');
  assert.equal((await second)[0].value, 7);
  assert.equal(d.requests.length, 1);
});

test('failures are not cached: the same query is tried again later', async () => {
  const d = await serve((_r, n) => (n === 1 ? { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'x' } } : { body: vector([]) }));
  const src = createPrometheusSource({ url: d.url, ...fast });
  await failure(src.instant('up'));
  assert.deepEqual(await src.instant('up'), []);
  assert.equal(d.requests.length, 2);
});

test('30 parallel distinct queries never exceed the concurrency cap', async () => {
  const d = await serve(() => ({ delayMs: 15, body: vector([]) }));
  const src = createPrometheusSource({ url: d.url, concurrency: 4, ...fast });
  await Promise.all(Array.from({ length: 30 }, (_, i) => src.instant(`up + ${i}`)));
  assert.equal(d.requests.length, 30);
  assert.ok(d.peakInFlight <= 4, `server saw ${d.peakInFlight} at once`);
  assert.ok(src.stats().peakConcurrency <= 4);
  assert.ok(src.stats().peakConcurrency >= 2, 'queries did run in parallel');
});

test('buildInfo is read with GET', async () => {
  const d = await serve(() => ({ body: { status: 'success', data: { version: '2.42.0' } } }));
  const info = await createPrometheusSource({ url: d.url, ...fast }).buildInfo!();
  assert.equal(info.version, '2.42.0');
  assert.equal(d.requests[0].method, 'GET');
  assert.equal(d.requests[0].path, '/api/v1/status/buildinfo');
});

test('log lines carry the query and timing, never headers or the token', async () => {
  const d = await serve(() => ({ body: vector([]) }));
  const lines: string[] = [];
  await createPrometheusSource({ url: d.url, token: TOKEN, log: recordingLog(lines), ...fast }).instant('rate(x[5m])');
  assert.ok(lines.some((l) => l.includes('rate(x[5m])') && / ms/.test(l)));
  assert.ok(!lines.join('\n').includes(TOKEN));
  assert.ok(!/authorization/i.test(lines.join('\n')));
});
