// Full catalog collection vs its parts. Against TESTBED_PROM_URL (fallback: the dev bed), with the
// 1 h window and no series:
//   full        one collection of every catalog metric as the product runs it: one instant query per metric (all its
//               statistics), packed into a few batched requests sent in parallel
//   sweep       the same collection packed into 1, 2, 4, 8 (default), 16 batches, and one request per metric
//   server work Prometheus' own evaluation time per query (stats=all): the floor no client-side trick goes below
//   slowest     the slowest of those same queries sent alone
//   sequential  the same queries sent one at a time
// Prints median of RUNS runs, the two ratios, the HTTP request count and the slowest queries. Figures only, no assertions.
// Run: node --import tsx scripts/bench/collection.bench.ts   (or through scripts/with-testbed.sh / npm run bench)
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { createCollector } from '../../src/core/collect/collector';
import { metricIds } from '../../src/core/metrics/catalog';
import { resolveTimeRange } from '../../src/core/util/timeRange';
import { silentLogger } from '../../src/core/util/log';
import { cpus } from 'node:os';

const DEFAULT_BATCHES = 8; // the collector's default (CollectorOptions.maxBatches)

const URL_ = process.env.TESTBED_PROM_URL || 'http://127.0.0.1:9090';
const RUNS = Number(process.env.COLLECTION_BENCH_RUNS ?? 5);
const ETCD_SELECTOR = process.env.ETCD_ANALYZER_ETCD_SELECTOR ?? 'job="etcd"';
const NODE_SELECTOR = process.env.ETCD_ANALYZER_NODE_SELECTOR ?? 'job="node"';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const profile = createProfile({ ...defaultProfileConfig(URL_), etcdSelector: ETCD_SELECTOR, nodeSelector: NODE_SELECTOR });
// One fixed window for every run, so every run sends byte-identical queries.
const range = resolveTimeRange({ duration: '1h' }, new Date());

async function fullCollection(maxBatches?: number): Promise<{ ms: number; requests: number; queries: string[]; rows: number; errors: number }> {
  // A fresh source per run: the source de-duplicates for its lifetime, a reused one would answer from memory.
  const source = createPrometheusSource({ url: URL_ });
  const collector = createCollector(source, profile, silentLogger, { maxBatches });
  const t0 = performance.now();
  const r = await collector.collect({ metrics: [...metricIds], range });
  const ms = performance.now() - t0;
  source.close();
  return { ms, requests: source.stats().httpRequests, queries: r.queries, rows: r.metrics.length, errors: r.errors.length };
}

async function oneAtATime(queries: string[]): Promise<{ total: number; each: { q: string; ms: number }[] }> {
  const source = createPrometheusSource({ url: URL_, concurrency: 1 });
  const end = new Date(range.end);
  const each: { q: string; ms: number }[] = [];
  const t0 = performance.now();
  for (const q of queries) {
    const s = performance.now();
    await source.instant(q, end);
    each.push({ q, ms: performance.now() - s });
  }
  const total = performance.now() - t0;
  source.close();
  return { total, each };
}

/** Server-side evaluation time of each query (Prometheus `stats=all`), sent one at a time: the work to be done. */
async function serverWork(queries: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const q of queries) {
    const body = new URLSearchParams({ query: q, time: String(Date.parse(range.end) / 1000), stats: 'all' });
    const r = await fetch(`${URL_}/api/v1/query`, { method: 'POST', body });
    const j = (await r.json()) as { data?: { stats?: { timings?: { execTotalTime?: number } } } };
    out.push((j.data?.stats?.timings?.execTotalTime ?? NaN) * 1000);
  }
  return out;
}

const SWEEP = [1, 2, 4, 8, 16, Infinity];

async function main(): Promise<void> {
  console.log(`collection bench: ${URL_}, ${metricIds.length} metrics, window ${range.duration} (step ${range.stepSeconds}s), ${RUNS} runs, ${cpus().length} CPUs here`);
  await fullCollection(); // warm-up (connections, Prometheus page cache)
  const full = new Map<number, number[]>(SWEEP.map((b) => [b, []]));
  const requests = new Map<number, number>();
  const slowest: number[] = [];
  const sequential: number[] = [];
  let queries: string[] = [];
  let rows = 0;
  let errors = 0;
  const perQuery = new Map<string, number[]>();
  for (let i = 0; i < RUNS; i++) {
    const line: string[] = [];
    for (const b of SWEEP) {
      const f = await fullCollection(b === DEFAULT_BATCHES ? undefined : b);
      full.get(b)!.push(f.ms);
      requests.set(b, f.requests);
      line.push(`${b === Infinity ? 'unbatched' : `${b} batch${b > 1 ? 'es' : ''}`} ${f.ms.toFixed(0)}`);
      if (b === DEFAULT_BATCHES) ({ queries, rows, errors } = f);
    }
    const s = await oneAtATime(queries);
    sequential.push(s.total);
    slowest.push(Math.max(...s.each.map((e) => e.ms)));
    for (const e of s.each) perQuery.set(e.q, [...(perQuery.get(e.q) ?? []), e.ms]);
    console.log(`  run ${i + 1}: ${line.join(', ')} | slowest single ${slowest[i].toFixed(0)}, one at a time ${s.total.toFixed(0)} (ms)`);
  }
  const F = median(full.get(DEFAULT_BATCHES)!);
  const [S, Q] = [median(slowest), median(sequential)];
  console.log(`rows ${rows}, errors ${errors}, queries ${queries.length} (incl. discovery)`);
  console.log(`HTTP requests per full collection: ${requests.get(DEFAULT_BATCHES)} (default, ${DEFAULT_BATCHES} batches); ${requests.get(Infinity)} unbatched; ${queries.length} one at a time`);
  console.log(`median full collection      ${F.toFixed(0)} ms`);
  console.log(`median slowest single query ${S.toFixed(0)} ms   → full / slowest    = ${(F / S).toFixed(2)}× (target ≤ 1.3×)`);
  console.log(`median one at a time        ${Q.toFixed(0)} ms   → full / sequential = ${(F / Q).toFixed(2)}×`);
  console.log('batching sweep (median full collection, ms):');
  for (const b of SWEEP) {
    const m = median(full.get(b)!);
    console.log(`  ${(b === Infinity ? 'one per metric' : `${b} batch${b > 1 ? 'es' : ''}`).padEnd(15)} ${m.toFixed(0).padStart(5)}  ${(m / S).toFixed(2)}× slowest  (${requests.get(b)} requests)`);
  }
  const work = await serverWork(queries);
  const total = work.reduce((a, b) => a + b, 0);
  const cores = cpus().length;
  console.log(
    `server work (Prometheus execTotalTime, one at a time): total ${total.toFixed(0)} ms, largest ${Math.max(...work).toFixed(0)} ms; ` +
      `with ${cores} cores the floor is max(largest, total/${cores}) = ${Math.max(Math.max(...work), total / cores).toFixed(0)} ms ` +
      `= ${(Math.max(Math.max(...work), total / cores) / Math.max(...work)).toFixed(2)}× the largest (before HTTP and other load on the machine)`,
  );
  const top = [...perQuery.entries()].map(([q, ms]) => ({ q, ms: median(ms) })).sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log('slowest queries (median ms, one at a time):');
  for (const t of top) console.log(`  ${t.ms.toFixed(0).padStart(5)}  ${t.q.slice(0, 150)}${t.q.length > 150 ? '…' : ''}`);
}

main().catch((err) => {
  console.error(`collection bench failed: ${(err as Error).message}`);
  process.exit(1);
});
