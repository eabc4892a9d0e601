// The serve face's bearer token, bind rules and resilience: 401 without the token, /healthz open for probes, no
// token on the command line, non-loopback binds only with a token, and failed calls never take the server down.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawRequest, serveEnv, serveRefuses, startServe, type ServeChild } from '../helpers/serveProcess';

const TOKEN = 'serve-test-token-3f9c';
const dir = mkdtempSync(join(tmpdir(), 'etcd-serve-guard-'));
const tokenFile = join(dir, 'token');
writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });

describe('serve: bearer token', () => {
  let srv: ServeChild;
  before(async () => {
    srv = await startServe(['--port', '0', '--serve-token-file', tokenFile, '--prometheus', process.env.TESTBED_PROM_URL ?? 'http://127.0.0.1:9']);
  });
  after(async () => {
    assert.equal(await srv.stop(), 0);
    assert.doesNotMatch(srv.stderr(), new RegExp(TOKEN), 'the token is never logged');
  });

  it('no token or a wrong one → 401 with WWW-Authenticate; the right one → 200', async () => {
    const none = await rawRequest(`${srv.url}/api/v1/status`);
    assert.equal(none.status, 401);
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assert.match(JSON.parse(none.body).error.message, /ETCD_ANALYZER_SERVE_TOKEN or --serve-token-file/);
    const wrong = await rawRequest(`${srv.url}/api/v1/status`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    assert.equal(wrong.status, 401);
    const basic = await rawRequest(`${srv.url}/metrics`, { headers: { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` } });
    assert.equal(basic.status, 401);
    const ok = await rawRequest(`${srv.url}/api/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.doesNotMatch(ok.body, new RegExp(TOKEN));
  });

  it('unknown routes need the token too (no route map for strangers); /healthz is open for probes', async () => {
    assert.equal((await rawRequest(`${srv.url}/api/v1/secret-route`)).status, 401);
    assert.equal((await rawRequest(`${srv.url}/healthz`)).status, 200);
  });

  it('a foreign Host is refused before the token is looked at (403)', async () => {
    const r = await rawRequest(`${srv.url}/api/v1/status`, { headers: { host: 'evil.example', authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 403);
  });
});

describe('serve: start-up refusals', () => {
  it('a token flag on the command line is refused (it would show in ps)', async () => {
    const r = await serveRefuses(['--serve-token', 'abc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--serve-token is not accepted/);
  });

  it('a non-loopback bind without a token is refused; the wildcard always', async () => {
    const r = await serveRefuses(['--host', '10.1.2.3', '--prometheus', 'http://127.0.0.1:9']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not loopback: set ETCD_ANALYZER_SERVE_TOKEN/);
    const w = await serveRefuses(['--host', '0.0.0.0', '--serve-token-file', tokenFile, '--prometheus', 'http://127.0.0.1:9']);
    assert.equal(w.code, 2);
    assert.match(w.stderr, /binds every interface/);
  });

  it('bad flags name what is wrong', async () => {
    const p = await serveRefuses(['--port', '99999']);
    assert.equal(p.code, 2);
    assert.match(p.stderr, /--port "99999" is not a port/);
    const e = await serveRefuses(['--every', '5s', '--prometheus', 'http://127.0.0.1:9']);
    assert.equal(e.code, 2);
    assert.match(e.stderr, /--every 5s is too often/);
    const t = await serveRefuses(['--serve-token-file', join(dir, 'missing')]);
    assert.equal(t.code, 2);
    assert.match(t.stderr, /cannot read --serve-token-file/);
    const u = await serveRefuses([], serveEnv());
    assert.equal(u.code, 2, 'no Prometheus URL is a usage error');
  });
});

describe('serve: failed calls never take the server down', () => {
  let srv: ServeChild;
  let dead: Server;
  before(async () => {
    // A "Prometheus" that answers garbage, then one that is not listening at all.
    dead = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}');
    });
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
    srv = await startServe(['--port', '0', '--prometheus', `http://127.0.0.1:${(dead.address() as AddressInfo).port}`]);
  });
  after(async () => {
    assert.equal(await srv.stop(), 0);
    await new Promise((r) => dead.close(r));
  });

  it('a data source answering broken JSON: 502 with the failed result, then the server still answers', async () => {
    for (const tool of ['get_etcd_bottleneck_analysis', 'generate_etcd_performance_report', 'get_server_health']) {
      const r = await rawRequest(`${srv.url}/api/v1/tools/${tool}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"duration":"15m"}' });
      assert.ok([200, 502].includes(r.status), `${tool}: ${r.status}`);
      const result = JSON.parse(r.body);
      assert.ok(result.errors.length > 0, `${tool} says what failed`);
      assert.notEqual(result.diagnosis?.verdict, 'healthy', 'no verdict of health without data');
    }
    const h = await rawRequest(`${srv.url}/healthz`);
    assert.equal(h.status, 200);
    const m = await rawRequest(`${srv.url}/metrics`);
    assert.equal(m.status, 200);
    assert.doesNotMatch(m.body, /verdict="healthy"\} 1/);
  });

  it('without --history the history routes say how to turn it on (503)', async () => {
    for (const [method, path] of [['GET', '/api/v1/history/runs'], ['GET', '/api/v1/history/trends'], ['POST', '/api/v1/history/compare']]) {
      const r = await rawRequest(`${srv.url}${path}`, { method });
      assert.equal(r.status, 503, path);
      assert.match(JSON.parse(r.body).error.hint, /--history FILE/);
    }
  });

  it('a client that goes away mid-run does not break the server', async () => {
    const http = await import('node:http');
    const u = new URL(srv.url);
    await new Promise<void>((resolve) => {
      const req = http.request({ host: u.hostname, port: u.port, path: '/api/v1/report?stream=1', method: 'POST', headers: { 'content-type': 'application/json' } });
      req.on('response', (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end('{"format":"json"}');
    });
    const h = await rawRequest(`${srv.url}/healthz`);
    assert.equal(h.status, 200);
  });
});

after(() => rmSync(dir, { recursive: true, force: true }));
