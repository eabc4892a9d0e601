// MCP over stdio with the SDK's own client: the server spawned from source (tsx) and from a fresh esbuild bundle,
// against the live bed (TESTBED_PROM_URL / TESTBED_ETCD_ENDPOINTS, falling back to the dev bed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { REPO_ROOT, serverEnv, testbedEtcdEndpoints, testbedPromUrl } from '../helpers/mcpServerProcess';
import { callAndCheckAllTools, listAndCheckTools, structured, finiteStats } from '../helpers/mcpToolChecks';

const dir = mkdtempSync(join(tmpdir(), 'mcp-stdio-'));
const env = serverEnv({
  ETCD_ANALYZER_PROMETHEUS_URL: testbedPromUrl(),
  ETCD_ANALYZER_ETCD_ENDPOINTS: testbedEtcdEndpoints(),
  ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"',
  ETCD_ANALYZER_NODE_SELECTOR: 'job="node"',
  ETCD_ANALYZER_HISTORY: join(dir, 'history.sqlite'),
});

async function connect(command: string, args: string[]): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command, args, env, cwd: REPO_ROOT, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d) => (err += d));
  const client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => err };
}

after(() => rmSync(dir, { recursive: true, force: true }));

describe('MCP stdio server (source)', () => {
  let client: Client;
  let stderr: () => string;
  before(async () => ({ client, stderr } = await connect(process.execPath, ['--import', 'tsx', 'src/mcp/main.ts'])));
  after(async () => client?.close());

  test('initialize reports the server and lists 15 tools with input schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'etcd-performance-analyzer');
    assert.ok(client.getInstructions()?.includes('get_server_health'));
    await listAndCheckTools(client);
  });

  test('each of the 15 tools returns a real result (markdown + structuredContent)', async () => {
    const schemas = await listAndCheckTools(client);
    const results = await callAndCheckAllTools(client, schemas);
    const wal = results.get('get_etcd_disk_wal_fsync')!;
    assert.ok(wal.metrics.some((m) => m.metric === 'wal_fsync_duration' && typeof m.stats.p99 === 'number'), 'WAL fsync p99 per member');
    console.log(`stdio: ${[...results].map(([n, s]) => `${n}=${s.status}/${finiteStats(s)}`).join(' ')}`);
  });

  test('bad input is an isError result naming the field; the next call still works', async () => {
    const bad = (await client.callTool({ name: 'get_etcd_disk_wal_fsync', arguments: { duration: 'banana' } })) as CallToolResult;
    assert.equal(bad.isError, true);
    const text = bad.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    assert.match(text, /duration/);
    assert.match(text, /5m and 7d|like 15m/);
    const wrongType = (await client.callTool({ name: 'get_etcd_general_info', arguments: { member: 42 } })) as CallToolResult;
    assert.equal(wrongType.isError, true);
    assert.match(wrongType.content.map((c) => (c.type === 'text' ? c.text : '')).join(''), /member/);
    const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} }).catch((e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }));
    assert.equal((unknown as CallToolResult).isError, true);
    const good = (await client.callTool({ name: 'get_etcd_disk_wal_fsync', arguments: { duration: '15m' } })) as CallToolResult;
    assert.ok(!good.isError);
    assert.ok(finiteStats(structured('get_etcd_disk_wal_fsync', good)) > 0);
  });

  test('the diagnose-etcd prompt walks through the analyzers in order', async () => {
    const { prompts } = await client.listPrompts();
    assert.ok(prompts.some((p) => p.name === 'diagnose-etcd' && p.arguments?.some((a) => a.name === 'duration')));
    const p = await client.getPrompt({ name: 'diagnose-etcd', arguments: { duration: '30m' } });
    const text = p.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
    const order = ['get_server_health', 'get_etcd_bottleneck_analysis', 'get_etcd_disk_wal_fsync', 'generate_etcd_performance_report'].map((n) => text.indexOf(n));
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])), `order in prompt: ${order}`);
    assert.match(text, /duration="30m"/);
    await assert.rejects(client.getPrompt({ name: 'diagnose-etcd', arguments: { duration: 'banana' } }), /duration/);
  });

  test('logs go to stderr only (stdout is the protocol)', () => {
    // ETCD_ANALYZER_LOG_LEVEL=warn: the server logged nothing alarming, and nothing broke the JSON-RPC channel.
    assert.doesNotMatch(stderr(), /threw|TypeError|ReferenceError/);
  });
});

describe('MCP stdio server (bundled with esbuild, as dist/mcp-server.js)', () => {
  const out = join(dir, 'dist');
  let client: Client;
  before(async () => {
    await build({
      entryPoints: [join(REPO_ROOT, 'src/mcp/main.ts')],
      outfile: join(out, 'mcp-server.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      logLevel: 'error',
    });
    const wasm = join(REPO_ROOT, 'node_modules/sql.js/dist/sql-wasm.wasm');
    if (existsSync(wasm)) copyFileSync(wasm, join(out, 'sql-wasm.wasm'));
    ({ client } = await connect(process.execPath, [join(out, 'mcp-server.js')]));
  });
  after(async () => client?.close());

  test('the bundle serves the 15 tools and answers a call with numbers', async () => {
    await listAndCheckTools(client);
    const r = (await client.callTool({ name: 'get_etcd_disk_backend_commit', arguments: { duration: '15m' } })) as CallToolResult;
    assert.ok(!r.isError);
    assert.ok(finiteStats(structured('get_etcd_disk_backend_commit', r)) > 0);
  });
});
