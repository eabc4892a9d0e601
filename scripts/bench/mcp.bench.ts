// MCP over Streamable HTTP under load: 50 parallel tool calls against `etcd-analyzer mcp --http` (spawned from
// source), Prometheus behind a counting proxy. Prints p50/p95/max call latency and peak concurrent Prometheus queries.
// Run: scripts/with-testbed.sh node --import tsx scripts/bench/mcp.bench.ts   (or against the dev bed directly)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { percentile, serverEnv, startHttpServerChild, testbedEtcdEndpoints, testbedPromUrl } from '../../test/helpers/mcpServerProcess';
import { startCountingProxy } from '../../test/helpers/countingProxy';

const CALLS = Number(process.env.MCP_BENCH_CALLS ?? 50);
const ROUNDS = Number(process.env.MCP_BENCH_ROUNDS ?? 3);
const TOOLS = ['get_etcd_disk_wal_fsync', 'get_etcd_disk_backend_commit', 'get_etcd_general_info', 'get_etcd_network_io', 'get_node_disk_io'];

async function main(): Promise<void> {
  const proxy = await startCountingProxy(testbedPromUrl());
  const server = await startHttpServerChild(
    [],
    serverEnv({
      ETCD_ANALYZER_PROMETHEUS_URL: proxy.url,
      ETCD_ANALYZER_ETCD_ENDPOINTS: testbedEtcdEndpoints(),
      ETCD_ANALYZER_ETCD_SELECTOR: 'job="etcd"',
      ETCD_ANALYZER_NODE_SELECTOR: 'job="node"',
    }),
  );
  const client = new Client({ name: 'mcp-bench', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    // Warm-up: one call (module loading, first connections).
    await client.callTool({ name: TOOLS[0], arguments: { duration: '15m' } });
    for (let round = 1; round <= ROUNDS; round++) {
      proxy.reset();
      const timings: number[] = [];
      let failed = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CALLS }, async (_, i) => {
          const start = performance.now();
          const r = (await client.callTool({ name: TOOLS[i % TOOLS.length], arguments: { duration: '15m' } }, undefined, { timeout: 300_000 })) as CallToolResult;
          timings.push(performance.now() - start);
          if (r.isError) failed++;
        }),
      );
      const wall = performance.now() - t0;
      timings.sort((a, b) => a - b);
      console.log(
        `mcp-http round ${round}: ${CALLS} parallel calls, ${failed} failed; latency p50 ${percentile(timings, 50).toFixed(0)} ms, ` +
          `p95 ${percentile(timings, 95).toFixed(0)} ms, max ${timings[timings.length - 1].toFixed(0)} ms; wall ${wall.toFixed(0)} ms; ` +
          `Prometheus requests ${proxy.total}, peak in flight ${proxy.peak}`,
      );
    }
  } finally {
    await client.close().catch(() => undefined);
    const code = await server.stop();
    await proxy.close();
    if (code !== 0) console.log(`mcp-http: server exit code ${code}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
