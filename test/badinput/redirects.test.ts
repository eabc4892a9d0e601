// Redirects from a data source are never followed: each is a clear error naming the location (exit 3 from the CLI,
// `isError` from MCP), a redirect loop or a 307/308 hop (which crashes node-fetch 3.3.2 when followed) leaves every
// server answering, and a cross-host redirect never reaches the other host (so no credential goes there).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePrometheus, type FakePrometheus } from '../helpers/fakePrometheus';
import { cli, promFlags, startHttpFace, startStdioFace, structuredOf, textOf, type McpFace } from './harness';
import { createEtcdGatewayStatus } from '../../src/core/source/etcdGateway';
import { createKubeClient } from '../../src/core/source/openshift/kubeClient';
import { SourceError } from '../../src/core/source/types';

let prom: FakePrometheus;
let other: FakePrometheus;

before(async () => {
  prom = await startFakePrometheus();
  other = await startFakePrometheus();
});
after(async () => {
  await prom?.close();
  await other?.close();
});

const WAL = 'get_etcd_disk_wal_fsync';

describe('CLI: a redirect is exit 3 naming the location', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    test(`HTTP ${status} to /login`, async () => {
      prom.set({ kind: 'redirect', status, location: '/login?ticket=abc123secret' });
      const r = await cli(['run', WAL, ...promFlags(prom.url)]);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, new RegExp(`redirect \\(HTTP ${status}\\) to http://127\\.0\\.0\\.1:${prom.port}/login`));
      assert.doesNotMatch(r.stderr, /abc123secret/, 'the Location query (a ticket) is not echoed');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  }

  test('a redirect loop (307 to itself) ends in one request and exit 3', async () => {
    prom.set({ kind: 'redirect', status: 307, location: '/api/v1/query' });
    const before = prom.requests;
    const r = await cli(['run', WAL, ...promFlags(prom.url)]);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(prom.requests - before, 1, 'the preflight query was sent once, not followed around the loop');
  });

  test('a cross-host redirect never reaches the other host (no token sent there)', async () => {
    prom.set({ kind: 'redirect', status: 302, location: `${other.url}/api/v1/query` });
    const seen = other.requests;
    const r = await cli(['run', WAL, ...promFlags(prom.url)], { ETCD_ANALYZER_TOKEN: 'tok-cross-host-1234' });
    assert.equal(r.code, 3);
    assert.match(r.stderr, new RegExp(`to ${other.url.replace(/\./g, '\\.')}/api/v1/query`));
    assert.equal(other.requests, seen);
  });

  test('a redirect on one query after preflight: the run is partial and names the redirect', async () => {
    prom.set({ kind: 'redirect', status: 308, location: '/elsewhere' }, /wal_fsync_duration_seconds_bucket/);
    const r = await cli(['run', WAL, ...promFlags(prom.url), '--format', 'json']);
    const json = JSON.parse(r.stdout) as { status: string; errors: { kind: string; message: string }[] };
    assert.notEqual(json.status, 'ok');
    assert.ok(json.errors.some((e) => e.kind === 'unreachable' && /redirect \(HTTP 308\)/.test(e.message)), r.stdout.slice(0, 2000));
  });
});

describe('other data sources refuse redirects too', () => {
  test('etcd gateway: 307 is an unreachable member naming the redirect', async () => {
    prom.set({ kind: 'redirect', status: 307, location: '/v3/elsewhere' });
    // The fake answers every path; /v3/... is outside /api/v1 so it 404s unless redirected: use a raw redirect server.
    const { createServer } = await import('node:http');
    const srv = createServer((_q, s) => s.writeHead(307, { location: '/again' }).end());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    try {
      const gw = createEtcdGatewayStatus([`http://127.0.0.1:${port}`]);
      await assert.rejects(gw.status(), (e: unknown) => e instanceof SourceError && /redirect \(HTTP 307\)/.test(e.message));
      const kube = createKubeClient({ server: `http://127.0.0.1:${port}`, context: 'test', tls: {} } as never);
      await assert.rejects(kube.get('/api/v1/nodes'), (e: unknown) => e instanceof SourceError && e.kind === 'unreachable' && /redirect \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\/again/.test(e.message));
      kube.close();
    } finally {
      srv.closeAllConnections();
      srv.close();
    }
  });
});

for (const start of [startStdioFace, startHttpFace]) {
  describe(`MCP ${start === startStdioFace ? 'stdio' : 'HTTP'}: a redirect loop fails the call, the server keeps answering`, () => {
    let face: McpFace;
    before(async () => {
      face = await start({ ETCD_ANALYZER_PROMETHEUS_URL: prom.url, ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"', ETCD_ANALYZER_NODE_SELECTOR: 'job="node"' });
    });
    after(async () => face?.close());

    for (const status of [307, 308, 302]) {
      test(`HTTP ${status} loop → isError naming the redirect; the next call succeeds`, async () => {
        prom.set({ kind: 'redirect', status, location: '/api/v1/query' });
        const bad = await face.call(WAL, { duration: '15m' });
        assert.equal(bad.isError, true, textOf(bad));
        assert.ok(structuredOf(bad).errors?.some((e) => /redirect/.test(e.message)), textOf(bad));
        assert.ok(face.alive(), 'the server process is still running');
        prom.set({ kind: 'none' });
        const good = await face.call(WAL, { duration: '15m' });
        assert.notEqual(good.isError, true, textOf(good));
        assert.equal(structuredOf(good).status, 'ok', textOf(good));
      });
    }
  });
}
