// Catalog query cost and agreement, old vs new, side by side on one Prometheus and one fixed window.
// "Old" is the catalog and collector of a git ref (default CATALOG_BASELINE_REF, the last commit before the queries
// were made cheaper), extracted with `git archive` into a temp dir and imported from there; "new" is this tree.
// Both collect every catalog metric over the same window. Per side: Prometheus's own work for every query sent
// (stats=all: execTotalTime, samples.totalQueryableSamples; each query alone, median of RUNS), and the values of
// every (metric, member/labels, statistic) row, compared with a tolerance.
// Used by catalog-cost.bench.ts (figures for the bench table) and runnable alone as a check:
//   node --import tsx scripts/bench/catalogCost.ts [duration]     (env TESTBED_PROM_URL, CATALOG_BASELINE_REF)
// Exit status 1 when a value disagrees beyond tolerance.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { createCollector } from '../../src/core/collect/collector';
import { metricIds } from '../../src/core/metrics/catalog';
import { resolveTimeRange } from '../../src/core/util/timeRange';
import { silentLogger } from '../../src/core/util/log';
import type { MetricSummary, TimeRange } from '../../src/core/types';
import { UNKNOWN_PEER } from '../../src/core/profiles/memberName';

export const CATALOG_BASELINE_REF = 'dd4e7e5';
/**
 * Relative tolerance per statistic, and the absolute floor below which two values count as equal (both ≈ 0).
 * avg/rate/quantiles/increase/latest describe the same interval old and new: ±10 % (the old mean of rolling rates
 * counted up to one rolling window more at the window's start). max/min come from a coarser rolling grid now (one
 * rolling window per step instead of half-overlapping ones): a peak straddling two rolling windows shows lower, ±35 %.
 */
export const REL_TOL = 0.1;
export const PEAK_TOL = 0.35;
export const ABS_TOL = 1e-9;

const ROOT = resolve(__dirname, '../..');

export interface Side {
  queries: string[];
  rows: MetricSummary[];
  /** Per query: median execTotalTime (ms) and totalQueryableSamples. */
  work: { query: string; ms: number; samples: number }[];
  totalMs: number;
  largestMs: number;
  samples: number;
  collectMs: number[];
  /** Median over runs of the wall time of sending the same queries one at a time. */
  sequentialMs: number;
  /**
   * CPU per full collection, averaged over the runs: Prometheus's own (its process_cpu_seconds_total, NaN when its
   * /metrics cannot be read) and this process's (the client: HTTP, JSON, rows). On a machine where both share the
   * cores, (server + client) / cores is the floor a collection can actually reach; execTotalTime leaves out parsing,
   * answering, HTTP and the client.
   */
  serverCpuMs: number;
  clientCpuMs: number;
}

export interface Disagreement {
  key: string;
  old: number | null;
  new: number | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
}

type CollectorFactory = typeof createCollector;

/** The baseline's createCollector, imported from a `git archive` of its src/ (removed again by the caller). */
export async function baselineCollector(ref = process.env.CATALOG_BASELINE_REF || CATALOG_BASELINE_REF): Promise<{ create: CollectorFactory; ids: string[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-baseline-'));
  const tar = execFileSync('git', ['-C', ROOT, 'archive', ref, 'src'], { maxBuffer: 64 << 20 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  const mod = (await import(pathToFileURL(join(dir, 'src/core/collect/collector.ts')).href)) as { createCollector: CollectorFactory };
  const cat = (await import(pathToFileURL(join(dir, 'src/core/metrics/catalog.ts')).href)) as { metricIds: readonly string[] };
  return { create: mod.createCollector, ids: [...cat.metricIds], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The metrics both catalogs have: old and new are compared on the same work (a metric added since the baseline is
 * not work the new queries saved, and the old collector refuses an id it does not know).
 */
export function commonMetricIds(baselineIds: readonly string[]): string[] {
  const old = new Set(baselineIds);
  return metricIds.filter((id) => old.has(id));
}

async function stats(url: string, query: string, time: string): Promise<{ ms: number; samples: number }> {
  const body = new URLSearchParams({ query, time: String(Date.parse(time) / 1000), stats: 'all' });
  const r = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
  const j = (await r.json()) as { status: string; error?: string; data?: { stats?: { timings?: { execTotalTime?: number }; samples?: { totalQueryableSamples?: number } } } };
  if (j.status !== 'success') throw new Error(`query failed: ${j.error} — ${query.slice(0, 200)}`);
  return { ms: (j.data?.stats?.timings?.execTotalTime ?? NaN) * 1000, samples: j.data?.stats?.samples?.totalQueryableSamples ?? NaN };
}

export async function measureSide(url: string, create: CollectorFactory, range: TimeRange, runs: number, selectors: { etcd: string; node: string }, ids: readonly string[] = metricIds): Promise<Side> {
  const profile = createProfile({ ...defaultProfileConfig(url), etcdSelector: selectors.etcd, nodeSelector: selectors.node });
  const collectMs: number[] = [];
  let rows: MetricSummary[] = [];
  let queries: string[] = [];
  const server0 = await serverCpuSeconds(url);
  const client0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const source = createPrometheusSource({ url });
    const collector = create(source, profile, silentLogger);
    const t0 = performance.now();
    const r = await collector.collect({ metrics: [...ids], range });
    collectMs.push(performance.now() - t0);
    source.close();
    if (r.errors.length) throw new Error(`collection errors: ${r.errors.map((e) => `${e.metric ?? ''} ${e.message}`).join('; ')}`);
    ({ rows, queries } = { rows: r.metrics, queries: r.queries });
  }
  const client = process.cpuUsage(client0);
  const serverCpuMs = ((1000 * ((await serverCpuSeconds(url)) - server0)) / runs);
  const sequential: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    for (const q of queries) await stats(url, q, range.end);
    sequential.push(performance.now() - t0);
  }
  const work: Side['work'] = [];
  for (const q of queries) {
    const ms: number[] = [];
    let samples = 0;
    for (let i = 0; i < runs; i++) {
      const s = await stats(url, q, range.end);
      ms.push(s.ms);
      samples = s.samples;
    }
    work.push({ query: q, ms: median(ms), samples });
  }
  const totalMs = work.reduce((a, w) => a + w.ms, 0);
  return {
    queries,
    rows,
    work,
    totalMs,
    largestMs: Math.max(...work.map((w) => w.ms)),
    samples: work.reduce((a, w) => a + w.samples, 0),
    collectMs,
    sequentialMs: median(sequential),
    serverCpuMs,
    clientCpuMs: (client.user + client.system) / 1000 / runs,
  };
}

/** Prometheus's process CPU so far (seconds, 10 ms resolution) from its own /metrics; NaN when unreadable. */
async function serverCpuSeconds(url: string): Promise<number> {
  try {
    const res = await fetch(`${url.replace(/\/+$/, '')}/metrics`, { redirect: 'error', signal: AbortSignal.timeout(5000) });
    const m = /^process_cpu_seconds_total (\S+)$/m.exec(await res.text());
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

export function windowSecondsOf(range: TimeRange): number {
  return (Date.parse(range.end) - Date.parse(range.start)) / 1000;
}

function rowKey(r: MetricSummary, stat: string): string {
  return `${r.metric} ${r.member}${r.labels ? ` ${JSON.stringify(r.labels)}` : ''} ${stat}`;
}

/**
 * The baseline named etcd's unidentified sender (From="0") as peer "0"; this tree names it UNKNOWN_PEER. Renamed
 * before comparing, so the same series is compared as one row, not reported missing on both sides.
 */
function sameNaming(r: MetricSummary): MetricSummary {
  if (r.scope !== 'pair' || r.labels?.peer !== '0') return r;
  return { ...r, member: r.member.replace(/^0→/, `${UNKNOWN_PEER}→`).replace(/→0$/, `→${UNKNOWN_PEER}`), labels: { ...r.labels, peer: UNKNOWN_PEER } };
}

/** Values present on either side, compared within REL_TOL (ABS_TOL near 0); null vs a number is a disagreement. */
/**
 * Rates of rare events (slow applies, failures) are counts over a window: one event more or less is ±1/window,
 * whatever the relative difference; such a difference counts as agreement (`windowSeconds` for avg, `rollingSeconds`
 * for the rolling max/min).
 */
export function compareRows(
  oldRows: MetricSummary[],
  newRows: MetricSummary[],
  windowSeconds = Infinity,
  rollingSeconds = 60,
): { compared: number; bad: Disagreement[] } {
  const perSecond = new Set<string>();
  const values = (rows: MetricSummary[]) => {
    const m = new Map<string, number | null>();
    for (const r of rows) {
      for (const [s, v] of Object.entries(r.stats)) {
        m.set(rowKey(r, s), v ?? null);
        if (r.unit === 'per_second') perSecond.add(rowKey(r, s));
      }
    }
    return m;
  };
  const [a, b] = [values(oldRows.map(sameNaming)), values(newRows)];
  const bad: Disagreement[] = [];
  let compared = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(key) ?? null, b.get(key) ?? null];
    compared++;
    if (x === null && y === null) continue;
    if (x === null || y === null) {
      bad.push({ key, old: x, new: y });
      continue;
    }
    const peak = / (max|min)$/.test(key);
    const oneEvent = perSecond.has(key) ? 1.5 / (peak ? rollingSeconds : windowSeconds) : 0;
    const tol = peak ? PEAK_TOL : REL_TOL;
    if (Math.abs(x - y) > Math.max(ABS_TOL, oneEvent, tol * Math.max(Math.abs(x), Math.abs(y)))) bad.push({ key, old: x, new: y });
  }
  return { compared, bad };
}

async function main(): Promise<void> {
  const url = process.env.TESTBED_PROM_URL || 'http://127.0.0.1:9090';
  const duration = process.argv[2] || '1h';
  const runs = Number(process.env.CATALOG_COST_RUNS ?? 3);
  const selectors = { etcd: process.env.ETCD_ANALYZER_ETCD_SELECTOR ?? 'job="etcd"', node: process.env.ETCD_ANALYZER_NODE_SELECTOR ?? 'job="node"' };
  // The end on a whole minute: old and new subqueries both evaluate at multiples of their step, so an aligned end
  // makes both describe exactly the same interval (an unaligned one shifts the old rolling windows by up to a step).
  const range = resolveTimeRange({ duration }, new Date(Math.floor((Date.now() - 30_000) / 60_000) * 60_000));
  const base = await baselineCollector();
  try {
    const ids = commonMetricIds(base.ids);
    const oldSide = await measureSide(url, base.create, range, runs, selectors, ids);
    const newSide = await measureSide(url, createCollector, range, runs, selectors, ids);
    const cmp = compareRows(oldSide.rows, newSide.rows, windowSecondsOf(range));
    const pct = (100 * newSide.totalMs) / oldSide.totalMs;
    console.log(`catalog cost, ${url}, window ${range.duration} (end ${range.end}), ${runs} runs, baseline ${process.env.CATALOG_BASELINE_REF || CATALOG_BASELINE_REF}`);
    for (const [name, s] of [['old', oldSide], ['new', newSide]] as const) {
      console.log(`  ${name}: ${s.queries.length} queries, server work ${s.totalMs.toFixed(1)} ms (largest ${s.largestMs.toFixed(1)}), samples ${s.samples}, collection median ${median(s.collectMs).toFixed(0)} ms`);
    }
    console.log(`  new/old server work ${pct.toFixed(0)} %, samples ${((100 * newSide.samples) / oldSide.samples).toFixed(0)} %`);
    console.log('  heaviest new queries:');
    for (const w of [...newSide.work].sort((x, y) => y.ms - x.ms).slice(0, 6)) console.log(`    ${w.ms.toFixed(1).padStart(6)} ms ${String(w.samples).padStart(9)} samples  ${w.query.slice(0, 140)}`);
    console.log(`  values: ${cmp.compared} compared, ${cmp.bad.length} beyond tolerance (±${REL_TOL * 100} %, max/min ±${PEAK_TOL * 100} %, event rates ±1 event)`);
    for (const d of cmp.bad.slice(0, 40)) console.log(`    ${d.key}: old ${d.old} new ${d.new}`);
    process.exitCode = cmp.bad.length ? 1 : 0;
  } finally {
    base.cleanup();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`catalog cost check failed: ${(err as Error).message}`);
    process.exit(2);
  });
}
