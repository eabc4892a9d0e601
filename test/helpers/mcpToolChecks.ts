// Checks shared by the stdio and HTTP MCP tests: the 15 tools are listed with input schemas, and each one called
// against the live bed returns a real result (structuredContent.tool = name, numbers where the bed has them).
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { EXPECTED_TOOLS } from './toolNames';

/** Tools whose metrics the local bed (etcd + node-exporter + Prometheus) certainly has numbers for. */
export const NUMERIC_TOOLS = [
  'get_etcd_general_info',
  'get_etcd_disk_wal_fsync',
  'get_etcd_disk_backend_commit',
  'get_node_disk_io',
  'get_etcd_network_io',
  'get_etcd_performance_deep_drive',
  'get_ocp_node_usage', // node-exporter based: works on the generic profile too
];

/** Per etcd member on the 3-member bed (node tools are per node: the bed has one). */
export const PER_MEMBER_TOOLS = ['get_etcd_general_info', 'get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit'];

/** The generic profile has no Kubernetes API: these answer "unavailable", which is a result, not an error. */
export const OPENSHIFT_ONLY = ['get_ocp_cluster_info'];

/** Tools whose history-store input needs more than a duration. */
export const HISTORY_TOOLS = ['get_etcd_history_trends', 'compare_etcd_to_baseline'];

export interface StructuredResult {
  tool: string;
  status: string;
  summary: string;
  metrics: { metric: string; member: string; stats: Record<string, number | null> }[];
  findings: unknown[];
  errors: { kind: string; message: string }[];
  data?: Record<string, unknown>;
}

export async function listAndCheckTools(client: Client): Promise<Map<string, { properties?: Record<string, unknown> }>> {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [...EXPECTED_TOOLS].sort());
  const schemas = new Map<string, { properties?: Record<string, unknown> }>();
  for (const t of tools) {
    assert.equal(t.inputSchema.type, 'object', `${t.name} input schema`);
    assert.ok(t.description && t.description.length > 40, `${t.name} has a description for models`);
    assert.ok(t.title, `${t.name} has a title`);
    assert.ok(t.outputSchema, `${t.name} declares its output schema`);
    schemas.set(t.name, t.inputSchema as { properties?: Record<string, unknown> });
  }
  // Every analyzer takes the common window input.
  for (const name of NUMERIC_TOOLS) assert.ok(schemas.get(name)?.properties?.duration, `${name} accepts duration`);
  return schemas;
}

export function argsFor(name: string, schema: { properties?: Record<string, unknown> } | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (schema?.properties?.duration) args.duration = '15m';
  if (name === 'get_etcd_history_trends' && schema?.properties?.metric) args.metric = 'wal_fsync_duration';
  return args;
}

export function structured(name: string, r: CallToolResult): StructuredResult {
  const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  assert.ok(r.structuredContent, `${name}: structuredContent present (text: ${text.slice(0, 300)})`);
  const s = r.structuredContent as unknown as StructuredResult;
  assert.equal(s.tool, name);
  assert.ok(text.length > 20, `${name}: markdown text content`);
  return s;
}

export function finiteStats(s: StructuredResult): number {
  return s.metrics.reduce((n, m) => n + Object.values(m.stats).filter((v) => typeof v === 'number' && Number.isFinite(v)).length, 0);
}

/** Calls all 15 tools (numeric ones first, so the history store has runs before the history tools read it). */
export async function callAndCheckAllTools(client: Client, schemas: Map<string, { properties?: Record<string, unknown> }>): Promise<Map<string, StructuredResult>> {
  const order = [...EXPECTED_TOOLS.filter((n) => !HISTORY_TOOLS.includes(n)), ...HISTORY_TOOLS];
  const out = new Map<string, StructuredResult>();
  for (const name of order) {
    const r = (await client.callTool({ name, arguments: argsFor(name, schemas.get(name)) })) as CallToolResult;
    const s = structured(name, r);
    out.set(name, s);
    if (OPENSHIFT_ONLY.includes(name)) {
      assert.equal(s.status, 'unavailable', `${name} on the generic profile: ${s.summary}`);
      continue;
    }
    assert.ok(!r.isError, `${name} is not an error: ${s.status} ${s.summary} ${JSON.stringify(s.errors).slice(0, 400)}`);
    assert.notEqual(s.status, 'failed', `${name}: ${s.summary}`);
    if (NUMERIC_TOOLS.includes(name)) {
      assert.ok(finiteStats(s) > 0, `${name} has numbers from the bed: ${s.summary}`);
    }
    if (name === 'get_etcd_history_trends') {
      // Real history: the earlier calls of this run were recorded in the server's ETCD_ANALYZER_HISTORY file.
      assert.ok(Number(s.data?.runs) >= 1, `history trends read stored runs: ${s.summary}`);
    }
    if (name === 'compare_etcd_to_baseline') assert.ok(s.data?.baseline, `baseline described: ${s.summary}`);
    if (PER_MEMBER_TOOLS.includes(name)) {
      const members = new Set(s.metrics.map((m) => m.member));
      assert.ok(members.size >= 3, `${name} covers the 3 members: ${[...members].join(', ')}`);
    }
  }
  return out;
}
