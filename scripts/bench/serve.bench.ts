// REST latency of a full report: `POST /api/v1/report` against `etcd-analyzer serve` (spawned from source) on the
// test bed, sequential (one report at a time, as a script would ask), then 4 in parallel with Prometheus behind a
// counting proxy (the server's one source keeps its 8-query cap across requests). Prints p50/p90/max per format.
// Run: scripts/with-testbed.sh node --import tsx scripts/bench/serve.bench.ts
import { percentile, testbedEtcdEndpoints, testbedPromUrl } from '../../test/helpers/mcpServerProcess';
import { startCountingProxy } from '../../test/helpers/countingProxy';
import { rawRequest, startServe } from '../../test/helpers/serveProcess';

const RUNS = Number(process.env.SERVE_BENCH_RUNS ?? 5);
const PARALLEL = 4;
/** What a script or page waiting on a 1 h report should get: an answer within a few seconds. */
const TARGET_P50_MS = 5000;

async function timeReport(url: string, body: object): Promise<number> {
  const t0 = performance.now();
  const r = await rawRequest(`${url}/api/v1/report`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status !== 200) throw new Error(`report answered ${r.status}: ${r.body.slice(0, 200)}`);
  return performance.now() - t0;
}

function line(label: string, t: number[]): string {
  t.sort((a, b) => a - b);
  const p50 = percentile(t, 50);
  return `${label}: p50 ${p50.toFixed(0)} ms, p90 ${percentile(t, 90).toFixed(0)} ms, max ${t[t.length - 1].toFixed(0)} ms (${t.length} runs; target p50 < ${TARGET_P50_MS} ms: ${p50 < TARGET_P50_MS ? 'met' : 'MISSED'})`;
}

async function main(): Promise<void> {
  const proxy = await startCountingProxy(testbedPromUrl());
  const srv = await startServe(['--port', '0', '--prometheus', proxy.url, '--etcd-endpoints', testbedEtcdEndpoints(), '--log-level', 'warn']);
  try {
    await timeReport(srv.url, { format: 'json', duration: '15m' }); // warm-up: module loading, first connections
    for (const format of ['html', 'json', 'markdown'] as const) {
      const t: number[] = [];
      for (let i = 0; i < RUNS; i++) t.push(await timeReport(srv.url, { format, duration: '1h' }));
      console.log(line(`serve POST /api/v1/report ${format} 1h`, t));
    }
    proxy.reset();
    const t = await Promise.all(Array.from({ length: PARALLEL }, () => timeReport(srv.url, { format: 'html', duration: '1h' })));
    console.log(`${line(`serve ${PARALLEL} parallel reports html 1h`, t)}; Prometheus requests ${proxy.total}, peak in flight ${proxy.peak} (cap 8)`);
  } finally {
    const code = await srv.stop();
    await proxy.close();
    if (code !== 0) console.log(`serve: exit code ${code}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
