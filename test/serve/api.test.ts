// The REST API of `etcd-analyzer serve` against the live local test bed: every endpoint with valid, invalid and
// hostile input, foreign Host/Origin, huge bodies, unknown routes, and the server still answering after each.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzerNames } from '../../src/core/analyzers/registry';
import { bedPromUrl, parseSse, rawRequest, serveEnv, startServe, type ServeChild } from '../helpers/serveProcess';

const dir = mkdtempSync(join(tmpdir(), 'etcd-serve-api-'));
let srv: ServeChild;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return rawRequest(`${srv.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
async function get(path: string, headers: Record<string, string> = {}) {
  return rawRequest(`${srv.url}${path}`, { headers });
}
async function assertAlive() {
  const h = await get('/healthz');
  assert.equal(h.status, 200, 'the server still answers');
}

before(async () => {
  // Credentials in the Prometheus URL: the status endpoint must show it without them.
  const prom = new URL(bedPromUrl());
  prom.username = 'alice';
  prom.password = 'pa55word-secret';
  srv = await startServe(['--port', '0', '--prometheus', prom.toString(), '--etcd-endpoints', process.env.TESTBED_ETCD_ENDPOINTS ?? '', '--history', join(dir, 'history.sqlite')], serveEnv());
});

after(async () => {
  const code = await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
  assert.equal(code, 0, `serve exits 0 on SIGTERM:\n${srv?.stderr()}`);
  assert.doesNotMatch(srv.stderr(), /pa55word-secret/, 'the URL password is never logged');
});

describe('serve: health and status', () => {
  it('GET /healthz answers ok with security headers', async () => {
    const r = await get('/healthz');
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { ok: true });
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
  });

  it('GET /api/v1/status: version, uptime, the source without credentials, history on', async () => {
    const r = await get('/api/v1/status');
    assert.equal(r.status, 200);
    const s = JSON.parse(r.body);
    assert.match(s.version, /^\d+\.\d+\.\d+/);
    assert.ok(s.uptimeSeconds >= 0);
    assert.equal(s.source, bedPromUrl().replace(/\/$/, '') + (s.source.endsWith('/') ? '/' : ''));
    assert.doesNotMatch(r.body, /pa55word|alice/);
    assert.equal(s.history.enabled, true);
    assert.deepEqual(s.inFlight, []);
  });
});

describe('serve: tools', () => {
  it('GET /api/v1/tools lists every analyzer with its input JSON Schema', async () => {
    const r = await get('/api/v1/tools');
    assert.equal(r.status, 200);
    const { tools } = JSON.parse(r.body) as { tools: { name: string; inputSchema: { type: string; properties: Record<string, unknown>; additionalProperties?: boolean } }[] };
    assert.deepEqual(tools.map((t) => t.name), [...analyzerNames]);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.ok('duration' in t.inputSchema.properties, `${t.name} documents duration`);
    }
  });

  it('POST /api/v1/tools/:name runs the tool on the bed: per-member WAL fsync data', async () => {
    const r = await post('/api/v1/tools/get_etcd_disk_wal_fsync', { duration: '15m' });
    assert.equal(r.status, 200, r.body.slice(0, 500));
    const result = JSON.parse(r.body);
    assert.equal(result.tool, 'get_etcd_disk_wal_fsync');
    assert.ok(['ok', 'partial'].includes(result.status), result.summary);
    const members = new Set(result.metrics.map((m: { member: string }) => m.member));
    for (const m of ['m1', 'm2', 'm3']) assert.ok(members.has(m), `a WAL fsync row for ${m}`);
  });

  it('an empty body runs with the defaults', async () => {
    const r = await rawRequest(`${srv.url}/api/v1/tools/get_etcd_cluster_status`, { method: 'POST' });
    assert.equal(r.status, 200, r.body.slice(0, 300));
    assert.equal(JSON.parse(r.body).tool, 'get_etcd_cluster_status');
  });

  it('invalid input → 400 naming the field, before any query', async () => {
    const short = await post('/api/v1/tools/get_etcd_bottleneck_analysis', { duration: '3s' });
    assert.equal(short.status, 400);
    assert.match(JSON.parse(short.body).error.message, /duration "3s": must be a duration between 5m and 7d/);
    const unknown = await post('/api/v1/tools/get_etcd_bottleneck_analysis', { bogus: 1 });
    assert.equal(unknown.status, 400);
    assert.match(JSON.parse(unknown.body).error.message, /bogus/);
    assert.match(JSON.parse(unknown.body).error.hint, /accepted fields: duration, member, start, end/);
    const wrongType = await post('/api/v1/tools/get_etcd_history_trends', { days: 'many' });
    assert.equal(wrongType.status, 400);
    assert.match(JSON.parse(wrongType.body).error.message, /^invalid input for get_etcd_history_trends: days/);
    const notObject = await post('/api/v1/tools/get_etcd_bottleneck_analysis', [1, 2]);
    assert.equal(notObject.status, 400);
    assert.match(JSON.parse(notObject.body).error.message, /must be a JSON object/);
  });

  it('bad JSON → 400, a form post → 415, unknown tool → 404', async () => {
    const bad = await post('/api/v1/tools/get_etcd_bottleneck_analysis', '{"duration": ');
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).error.message, /not valid JSON/);
    const form = await rawRequest(`${srv.url}/api/v1/tools/get_etcd_bottleneck_analysis`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'duration=1h' });
    assert.equal(form.status, 415);
    const none = await post('/api/v1/tools/no_such_tool', {});
    assert.equal(none.status, 404);
    assert.match(JSON.parse(none.body).error.message, /unknown tool "no_such_tool"/);
  });

  it('hostile input is inert: markup in a member name, traversal in the tool name, prototype keys', async () => {
    const xss = await post('/api/v1/tools/get_etcd_disk_wal_fsync', { member: '<script>alert(1)</script>"\'' });
    assert.equal(xss.status, 400, 'a member that does not exist is bad input');
    const answer = JSON.parse(xss.body) as { error: { message: string; hint: string }; result: { status: string } };
    assert.match(answer.error.message, /has no etcd series/);
    assert.match(answer.error.hint, /m1, m2, m3/);
    assert.equal(answer.result.status, 'failed');
    assert.match(String(xss.headers['content-type']), /^application\/json/);
    assert.doesNotMatch(xss.body, /<script>/, 'markup only ever appears JSON-escaped');
    const traversal = await post('/api/v1/tools/..%2F..%2Fetc%2Fpasswd', {});
    assert.equal(traversal.status, 404);
    const proto = await post('/api/v1/tools/get_etcd_disk_wal_fsync', '{"__proto__": {"polluted": true}, "duration": "15m"}');
    assert.ok([200, 400].includes(proto.status), `answered (${proto.status})`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const badEscape = await get('/api/v1/tools/%E0%A4%A');
    assert.equal(badEscape.status, 404);
    await assertAlive();
  });

  it('a huge body → 413, and the server keeps serving', async () => {
    const big = JSON.stringify({ duration: '1h', member: 'x'.repeat(2 * 1024 * 1024) });
    const r = await post('/api/v1/tools/get_etcd_bottleneck_analysis', big);
    assert.equal(r.status, 413);
    assert.match(JSON.parse(r.body).error.message, /larger than/);
    await assertAlive();
  });

  it('?stream=1: Server-Sent Events start, progress per metric batch, then the result', async () => {
    const r = await post('/api/v1/tools/get_etcd_disk_wal_fsync?stream=1', { duration: '15m' });
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/event-stream/);
    const events = parseSse(r.body);
    assert.equal(events[0].event, 'start');
    const progress = events.filter((e) => e.event === 'progress');
    assert.ok(progress.length >= 2, 'progress events as batches start and finish');
    const last = progress[progress.length - 1].data as { batchesDone: number; batchesStarted: number };
    assert.equal(last.batchesDone, last.batchesStarted, 'every started batch finished');
    const result = events[events.length - 1];
    assert.equal(result.event, 'result');
    assert.equal((result.data as { tool: string }).tool, 'get_etcd_disk_wal_fsync');
  });

  it('Accept: text/event-stream streams too', async () => {
    const r = await post('/api/v1/tools/get_etcd_cluster_status', {}, { accept: 'text/event-stream' });
    assert.match(String(r.headers['content-type']), /^text\/event-stream/);
    assert.equal(parseSse(r.body).at(-1)?.event, 'result');
  });
});

describe('serve: report', () => {
  it('POST /api/v1/report html: the report document with the diagnosis first', async () => {
    const r = await post('/api/v1/report', { format: 'html', duration: '15m' });
    assert.equal(r.status, 200, r.body.slice(0, 300));
    assert.match(String(r.headers['content-type']), /^text\/html/);
    assert.match(r.body, /^<!DOCTYPE html>/i);
    assert.match(r.body, /Content-Security-Policy/);
    assert.match(r.body, /m1/);
  });

  it('json: the AnalyzerResult of the report tool; markdown: text/markdown', async () => {
    const j = await post('/api/v1/report', { format: 'json', duration: '15m' });
    assert.equal(j.status, 200);
    const result = JSON.parse(j.body);
    assert.equal(result.tool, 'generate_etcd_performance_report');
    assert.ok(result.diagnosis, 'the report carries the diagnosis');
    const m = await post('/api/v1/report', { format: 'markdown', duration: '15m' });
    assert.equal(m.status, 200);
    assert.match(String(m.headers['content-type']), /^text\/markdown/);
    assert.match(m.body, /^#/m);
  });

  it('bad format or field → 400 naming it', async () => {
    const f = await post('/api/v1/report', { format: 'pdf' });
    assert.equal(f.status, 400);
    assert.match(JSON.parse(f.body).error.message, /format/);
    const d = await post('/api/v1/report', { duration: 'forever' });
    assert.equal(d.status, 400);
    assert.match(JSON.parse(d.body).error.message, /duration/);
  });
});

describe('serve: history', () => {
  it('GET /api/v1/history/runs lists the runs this server stored, newest first', async () => {
    const r = await get('/api/v1/history/runs?limit=50');
    assert.equal(r.status, 200);
    const { runs } = JSON.parse(r.body) as { runs: { tool: string; cluster: string }[] };
    assert.ok(runs.some((x) => x.tool === 'get_etcd_disk_wal_fsync'), 'the WAL fsync run is stored');
    assert.ok(runs.every((x) => !x.cluster.includes('pa55word')), 'the cluster key carries no credentials');
    const bad = await get('/api/v1/history/runs?limit=abc');
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).error.message, /limit/);
    const extra = await get('/api/v1/history/runs?drop=table');
    assert.equal(extra.status, 400);
  });

  it('GET /api/v1/history/trends: the trends tool over stored runs; bad days → 400', async () => {
    const r = await get('/api/v1/history/trends?metric=wal_fsync_duration&days=1');
    assert.equal(r.status, 200, r.body.slice(0, 300));
    const result = JSON.parse(r.body);
    assert.equal(result.tool, 'get_etcd_history_trends');
    assert.ok(result.series.length >= 1, 'a stored series per member');
    const bad = await get('/api/v1/history/trends?days=0');
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).error.message, /days/);
  });

  it('POST /api/v1/history/compare: the baseline tool; bad tolerance → 400', async () => {
    const r = await post('/api/v1/history/compare', { duration: '15m', baselineDays: 1 });
    assert.equal(r.status, 200, r.body.slice(0, 300));
    assert.equal(JSON.parse(r.body).tool, 'compare_etcd_to_baseline');
    const bad = await post('/api/v1/history/compare', { tolerance: 'lots' });
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).error.message, /tolerance/);
  });
});

describe('serve: routing and guards', () => {
  it('unknown route → 404 JSON; wrong method → 405 with Allow', async () => {
    const r = await get('/api/v1/nothing-here');
    assert.equal(r.status, 404);
    assert.match(JSON.parse(r.body).error.message, /no route/);
    const m = await rawRequest(`${srv.url}/api/v1/tools`, { method: 'DELETE' });
    assert.equal(m.status, 405);
    assert.equal(m.headers.allow, 'GET');
  });

  it('foreign Host (DNS rebinding) and foreign Origin → 403', async () => {
    const host = await get('/api/v1/status', { host: `evil.example:${srv.port}` });
    assert.equal(host.status, 403);
    const port = await get('/api/v1/status', { host: `127.0.0.1:${srv.port + 1}` });
    assert.equal(port.status, 403, 'the Host must carry this port');
    const origin = await post('/api/v1/tools/get_etcd_cluster_status', {}, { origin: 'https://evil.example' });
    assert.equal(origin.status, 403);
    const nullOrigin = await get('/healthz', { origin: 'null' });
    assert.equal(nullOrigin.status, 403, 'a sandboxed page is not a local origin');
    const local = await get('/api/v1/status', { origin: `http://localhost:${srv.port}` });
    assert.equal(local.status, 200, 'a page of this server may call it');
  });

  it('GET /api/v1/openapi.json serves the document listing these routes', async () => {
    const r = await get('/api/v1/openapi.json');
    assert.equal(r.status, 200);
    const doc = JSON.parse(r.body);
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/api/v1/tools/{name}', '/api/v1/report', '/api/v1/history/runs', '/metrics', '/healthz']) assert.ok(doc.paths[p], p);
  });

  it('/metrics after a diagnosis: findings, verdict and last run in the text format', async () => {
    const d = await post('/api/v1/tools/get_etcd_bottleneck_analysis', { duration: '15m' });
    assert.equal(d.status, 200);
    const diagnosis = JSON.parse(d.body).diagnosis as { verdict: string };
    const r = await get('/metrics');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(r.body, new RegExp(`^etcd_analyzer_diagnosis_verdict\\{verdict="${diagnosis.verdict}"\\} 1$`, 'm'));
    assert.match(r.body, /^etcd_analyzer_last_run_timestamp_seconds\{tool="get_etcd_bottleneck_analysis"\} \d+/m);
    const findings = JSON.parse(d.body).findings as { rule: string; member: string }[];
    for (const f of findings) assert.match(r.body, new RegExp(`etcd_analyzer_finding\\{rule="${f.rule}",category="[a-z_]+",severity="(info|warning|critical)",member="${f.member.replace(/\./g, '\\.')}"\\} 1`));
    // A run about one member is not the cluster's diagnosis: /metrics keeps the whole-cluster one.
    const one = await post('/api/v1/tools/get_etcd_performance_deep_drive', { duration: '15m', member: 'm2' });
    assert.equal(one.status, 200);
    const again = await get('/metrics');
    assert.match(again.body, /^etcd_analyzer_last_run_timestamp_seconds\{tool="get_etcd_bottleneck_analysis"\}/m);
  });
});
