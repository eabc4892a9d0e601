// MCP over Streamable HTTP (`etcd-analyzer mcp --http`, spawned from source) with the SDK's own client:
// tools, bad input, DNS-rebinding defences (Host/Origin → 403), bearer token (→ 401), 50 parallel calls with
// Prometheus concurrency measured by a counting proxy, and a graceful SIGTERM shutdown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { percentile, serverEnv, startHttpServerChild, testbedEtcdEndpoints, testbedPromUrl, type HttpServerChild } from '../helpers/mcpServerProcess';
import { startCountingProxy, type CountingProxy } from '../helpers/countingProxy';
import { callAndCheckAllTools, finiteStats, listAndCheckTools, structured } from '../helpers/mcpToolChecks';

const dir = mkdtempSync(join(tmpdir(), 'mcp-http-'));
const TOKEN = randomBytes(18).toString('base64url');
const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** Raw POST so the test controls Host/Origin/Authorization exactly (fetch would fix Host itself). */
function rawPost(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(INIT);
  });
}

describe('MCP Streamable HTTP server', () => {
  let proxy: CountingProxy;
  let server: HttpServerChild;
  let client: Client;

  const newClient = async (token = TOKEN): Promise<Client> => {
    const c = new Client({ name: 'mcp-http-test', version: '1.0.0' });
    await c.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    return c;
  };

  before(async () => {
    proxy = await startCountingProxy(testbedPromUrl());
    server = await startHttpServerChild(
      [],
      serverEnv({
        ETCD_ANALYZER_PROMETHEUS_URL: proxy.url,
        ETCD_ANALYZER_ETCD_ENDPOINTS: testbedEtcdEndpoints(),
        ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"',
        ETCD_ANALYZER_NODE_SELECTOR: 'job="node"',
        ETCD_ANALYZER_MCP_TOKEN: TOKEN,
        ETCD_ANALYZER_HISTORY: join(dir, 'history.sqlite'),
      }),
    );
    client = await newClient();
  });

  after(async () => {
    await client?.close();
    const code = await server?.stop();
    await proxy?.close();
    rmSync(dir, { recursive: true, force: true });
    // Graceful shutdown on SIGTERM: exit code 0, not a kill.
    assert.equal(code, 0, `server exit code after SIGTERM (log: ${server?.stderr().slice(-500)})`);
  });

  test('binds 127.0.0.1 and the token never appears in its log or command line', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    assert.ok(!server.stderr().includes(TOKEN));
    assert.ok(!(server.child.spawnargs ?? []).join(' ').includes(TOKEN));
  });

  test('lists 15 tools and each returns a real result', async () => {
    const schemas = await listAndCheckTools(client);
    const results = await callAndCheckAllTools(client, schemas);
    console.log(`http: ${[...results].map(([n, s]) => `${n}=${s.status}/${finiteStats(s)}`).join(' ')}`);
  });

  test('bad input → isError naming duration; the server stays up', async () => {
    const bad = (await client.callTool({ name: 'get_etcd_network_io', arguments: { duration: 'banana' } })) as CallToolResult;
    assert.equal(bad.isError, true);
    assert.match(bad.content.map((c) => (c.type === 'text' ? c.text : '')).join(''), /duration/);
    const good = (await client.callTool({ name: 'get_etcd_network_io', arguments: { duration: '15m' } })) as CallToolResult;
    assert.ok(!good.isError);
    assert.ok(finiteStats(structured('get_etcd_network_io', good)) > 0);
  });

  test('foreign Origin → 403, foreign Host → 403, wrong or missing bearer → 401, right → 200', async () => {
    const port = new URL(server.url).port;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const origin = await rawPost(server.url, { ...auth, origin: 'http://evil.example' });
    assert.equal(origin.status, 403);
    assert.match(origin.body, /Origin/);
    const host = await rawPost(server.url, { ...auth, host: `evil.example:${port}` });
    assert.equal(host.status, 403);
    assert.match(host.body, /Host/);
    const rebound = await rawPost(server.url, { ...auth, host: `127.0.0.1.nip.io:${port}` });
    assert.equal(rebound.status, 403);
    const wrong = await rawPost(server.url, { authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 401);
    assert.ok(!wrong.body.includes(TOKEN));
    assert.equal((await rawPost(server.url, {})).status, 401);
    const ok = await rawPost(server.url, { ...auth, origin: `http://localhost:${port}`, host: `localhost:${port}` });
    assert.equal(ok.status, 200, ok.body);
    assert.match(ok.body, /etcd-performance-analyzer/);
    // The SDK client with a wrong token fails to connect (401), and the server keeps serving the right one.
    await assert.rejects(newClient('wrong'), /401|Unauthorized/);
    assert.ok(!((await client.callTool({ name: 'get_server_health', arguments: {} })) as CallToolResult).isError);
  });

  test('50 parallel tool calls all succeed; Prometheus sees at most 8 concurrent queries', async () => {
    const tools = ['get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit', 'get_etcd_general_info', 'get_etcd_network_io', 'get_node_disk_io'];
    proxy.reset();
    const t0 = Date.now();
    const timings: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const name = tools[i % tools.length];
        const start = performance.now();
        const r = (await client.callTool({ name, arguments: { duration: '15m' } }, undefined, { timeout: 120_000 })) as CallToolResult;
        timings.push(performance.now() - start);
        return { name, r };
      }),
    );
    const wall = Date.now() - t0;
    for (const { name, r } of results) {
      assert.ok(!r.isError, `${name}: ${JSON.stringify(r.content).slice(0, 300)}`);
      const s = structured(name, r);
      assert.notEqual(s.status, 'failed');
      assert.ok(finiteStats(s) > 0, `${name} has numbers`);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `MCP HTTP 50 parallel calls: p50 ${percentile(timings, 50).toFixed(0)} ms, p95 ${percentile(timings, 95).toFixed(0)} ms, ` +
        `max ${timings[timings.length - 1].toFixed(0)} ms, wall ${wall} ms; Prometheus requests ${proxy.total}, peak in flight ${proxy.peak}`,
    );
    assert.ok(proxy.total >= 50, `queries went through the proxy (${proxy.total})`);
    assert.ok(proxy.peak >= 2, `calls overlapped at Prometheus (peak ${proxy.peak})`);
    assert.ok(proxy.peak <= 8, `peak concurrent Prometheus queries ${proxy.peak} ≤ 8`);
  });

  test('GET (no SSE stream in stateless mode) → 405, unknown path → 404', async () => {
    const headers = { Authorization: `Bearer ${TOKEN}` };
    assert.equal((await fetch(server.url, { headers })).status, 405);
    assert.equal((await fetch(server.url.replace('/mcp', '/other'), { method: 'POST', headers, body: '{}' })).status, 404);
  });
});
