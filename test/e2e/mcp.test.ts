// e2e (inside the real editor's extension host): the MCP provider is contributed and registered at activation, it
// offers one stdio definition running the bundled server with the workspace's connection, the Prometheus token is
// added at resolve time (env, never args), the list refreshes when the token changes, and the definition really
// starts a server that answers a tool call with live numbers from the test bed.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpProvider, MCP_PROVIDER_ID, MCP_SERVER_LABEL, type McpProviderHandle } from '../../src/extension/mcpProvider';
import { SECRET_KEYS } from '../../src/extension/secrets';
import type { TestHooks } from '../../src/extension/extension';
import { activateExtension, EXT_ID, notes, until } from './activation';

const none = new vscode.CancellationTokenSource().token;

suite('MCP server definition provider', () => {
  let hooks: TestHooks;
  let handle: McpProviderHandle;

  suiteSetup(async () => {
    // Activation runs registerMcpProvider: the editor throws there if the contribution were missing or invalid.
    hooks = await activateExtension();
    handle = createMcpProvider(hooks.services.extensionContext, hooks.services);
  });
  suiteTeardown(() => handle?.dispose());

  test('package.json contributes the provider with a label, and the editor has the MCP API', () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    assert.ok(ext.isActive);
    const providers = (ext.packageJSON as { contributes?: { mcpServerDefinitionProviders?: { id: string; label?: string }[] } }).contributes
      ?.mcpServerDefinitionProviders;
    const p = providers?.find((x) => x.id === MCP_PROVIDER_ID);
    assert.ok(p, `provider ${MCP_PROVIDER_ID} contributed`);
    assert.equal(p.label, MCP_SERVER_LABEL);
    assert.equal(typeof vscode.lm.registerMcpServerDefinitionProvider, 'function');
  });

  test('offers one stdio definition: the editor runtime running dist/mcp-server.js, connection in env, no secrets', async () => {
    const defs = await handle.provider.provideMcpServerDefinitions(none);
    assert.ok(defs && defs.length === 1);
    const def = defs[0];
    assert.ok(def instanceof vscode.McpStdioServerDefinition);
    assert.equal(def.label, MCP_SERVER_LABEL);
    assert.equal(def.command, process.execPath);
    assert.deepEqual(def.args.length, 1);
    assert.ok(def.args[0].endsWith(path.join('dist', 'mcp-server.js')) && existsSync(def.args[0]), def.args[0]);
    assert.equal(def.env.ELECTRON_RUN_AS_NODE, '1');
    const url = vscode.workspace.getConfiguration('etcdAnalyzer').get<string>('prometheus.url');
    assert.ok(url, 'the e2e workspace configures a Prometheus URL');
    assert.equal(def.env.ETCD_ANALYZER_PROMETHEUS_URL, url);
    assert.equal(def.env.ETCD_ANALYZER_TOKEN, null);
  });

  test('the token from SecretStorage is added at resolve time, in env only; changing it refreshes the list', async () => {
    const secrets = hooks.services.extensionContext.secrets;
    const old = await secrets.get(SECRET_KEYS.prometheusToken);
    let fired = 0;
    const sub = handle.provider.onDidChangeMcpServerDefinitions!(() => fired++);
    try {
      await vscode.commands.executeCommand('etcdAnalyzer.setPrometheusToken', 'e2e-mcp-token');
      await until('onDidChangeMcpServerDefinitions after the token changed', () => fired > 0, 10_000);
      const [def] = (await handle.provider.provideMcpServerDefinitions(none))!;
      assert.equal(def.env.ETCD_ANALYZER_TOKEN, null, 'provide never carries the secret');
      const resolved = await handle.provider.resolveMcpServerDefinition!(def, none);
      assert.ok(resolved);
      assert.equal(resolved.env.ETCD_ANALYZER_TOKEN, 'e2e-mcp-token');
      assert.ok(!resolved.args.join(' ').includes('e2e-mcp-token'));
    } finally {
      sub.dispose();
      if (old) await secrets.store(SECRET_KEYS.prometheusToken, old);
      else await secrets.delete(SECRET_KEYS.prometheusToken);
    }
  });

  test('the resolved definition starts a server that lists 15 tools and answers with live numbers', async function () {
    this.timeout(90_000);
    const [def] = (await handle.provider.provideMcpServerDefinitions(none))!;
    const resolved = (await handle.provider.resolveMcpServerDefinition!(def, none))!;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    for (const [k, v] of Object.entries(resolved.env)) {
      if (v === null) delete env[k];
      else env[k] = String(v);
    }
    const client = new Client({ name: 'e2e', version: '1' });
    const t0 = performance.now();
    await client.connect(new StdioClientTransport({ command: resolved.command, args: resolved.args, env, stderr: 'ignore' }));
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 15);
      const r = (await client.callTool({ name: 'get_etcd_disk_wal_fsync', arguments: { duration: '15m' } })) as CallToolResult;
      assert.ok(!r.isError, JSON.stringify(r.content).slice(0, 300));
      const s = r.structuredContent as { tool: string; metrics: { stats: Record<string, number | null> }[] };
      assert.equal(s.tool, 'get_etcd_disk_wal_fsync');
      assert.ok(s.metrics.some((m) => typeof m.stats.p99 === 'number'), 'WAL fsync p99 from the bed');
      notes.push(`mcp: provider definition started (${path.basename(resolved.command)}) and answered a tool call in ${(performance.now() - t0).toFixed(0)} ms`);
    } finally {
      await client.close();
    }
  });
});
