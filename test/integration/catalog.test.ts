// The metric catalog against a real Prometheus scraping a real etcd cluster (TESTBED_PROM_URL / TESTBED_ETCD_ENDPOINTS,
// exported by scripts/with-testbed.sh; falls back to the dev bed on 127.0.0.1 when run by hand):
// every query is accepted, and the key metrics have finite values for every member after some writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrometheusSource } from '../../src/core/source/prometheusSource';
import { createProfile, defaultProfileConfig } from '../../src/core/profiles';
import { createCollector } from '../../src/core/collect/collector';
import { buildQueryParams } from '../../src/core/collect/params';
import { buildStatsQuery } from '../../src/core/collect/statsQuery';
import { catalog, metricIds } from '../../src/core/metrics/catalog';
import { resolveTimeRange } from '../../src/core/util/timeRange';
import { silentLogger } from '../../src/core/util/log';
import { SourceError } from '../../src/core/source/types';
import type { MetricSummary } from '../../src/core/types';

const PROM = process.env.TESTBED_PROM_URL || 'http://127.0.0.1:9090';
const ENDPOINTS = (process.env.TESTBED_ETCD_ENDPOINTS || '127.0.0.1:2379,127.0.0.1:22379,127.0.0.1:12379')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((e) => (/^https?:\/\//.test(e) ? e : `http://${e}`));

const profile = createProfile(defaultProfileConfig(PROM));

/** A few hundred small writes through the v3 JSON gateway (loopback only), spread over the members. */
async function writeKeys(n: number): Promise<void> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const stamp = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) {
        const i = next++;
        const endpoint = ENDPOINTS[i % ENDPOINTS.length];
        const r = await fetch(`${endpoint}/v3/kv/put`, {
          method: 'POST',
          body: JSON.stringify({ key: b64(`/catalog-test/${stamp}/${i}`), value: b64('x'.repeat(64)) }),
          signal: AbortSignal.timeout(5000),
        });
        assert.ok(r.ok, `put to ${endpoint}: HTTP ${r.status}`);
      }
    }),
  );
}

test('every catalog query is accepted by the real Prometheus, for both etcd generations', async () => {
  const source = createPrometheusSource({ url: PROM });
  const range = resolveTimeRange({ duration: '15m' }, new Date());
  const end = new Date(range.end);
  const failures: string[] = [];
  for (const generation of ['3.4', '3.5+'] as const) {
    const p = buildQueryParams(range, profile, generation, ',member="m1"');
    await Promise.all(
      catalog.map(async (def) => {
        for (const q of [buildStatsQuery(def, p).query, def.expr(p)]) {
          try {
            await source.instant(q, end);
          } catch (err) {
            failures.push(`${generation} ${def.id}: ${err instanceof SourceError ? `${err.kind}: ${err.message}` : String(err)}`);
          }
        }
      }),
    );
  }
  assert.deepEqual(failures, []);
  source.close();
});

test('a full collection with series, batched and unbatched, has no query errors and agrees', async () => {
  const range = resolveTimeRange({ duration: '15m' }, new Date());
  const a = createPrometheusSource({ url: PROM });
  const b = createPrometheusSource({ url: PROM });
  const batched = await createCollector(a, profile, silentLogger).collect({ metrics: [...metricIds], range, withSeries: true });
  const single = await createCollector(b, profile, silentLogger, { maxBatches: Infinity }).collect({ metrics: [...metricIds], range });
  assert.deepEqual(batched.errors, []);
  assert.deepEqual(single.errors, []);
  // Discovery and the window-facts query, then the batches (stats and series) or one request per metric.
  assert.ok(a.stats().httpRequests <= 2 + 2 * 8, `batched: ${a.stats().httpRequests} requests`);
  assert.equal(b.stats().httpRequests, 2 + metricIds.length);
  const key = (m: MetricSummary) => `${m.metric}|${m.member}|${JSON.stringify(m.labels ?? {})}`;
  assert.deepEqual(batched.metrics.map(key), single.metrics.map(key), 'same rows either way');
  // Series for charts: bounded points, at least one per member for a metric every member has.
  const fsync = batched.series.filter((s) => s.metric === 'wal_fsync_rate');
  assert.deepEqual(fsync.map((s) => s.member).sort(), ['m1', 'm2', 'm3']);
  for (const s of batched.series) assert.ok(s.points.length <= 1100 + 50, `${s.metric} ${s.member}: ${s.points.length} points`);
  a.close();
  b.close();
});

test('after a few hundred writes: fsync latency, DB size, peer RTT and CPU are finite for m1, m2, m3', async () => {
  await writeKeys(300);
  const want = ['wal_fsync_duration', 'db_size_bytes', 'peer_rtt', 'process_cpu_percent'];
  const check = (metrics: MetricSummary[]): string[] => {
    const problems: string[] = [];
    const finite = (m: MetricSummary, stat: string) => typeof m.stats[stat as 'avg'] === 'number' && Number.isFinite(m.stats[stat as 'avg']);
    for (const member of ['m1', 'm2', 'm3']) {
      const of = (id: string) => metrics.filter((m) => m.metric === id && (m.member === member || m.member.startsWith(`${member}→`)));
      const [fsync] = of('wal_fsync_duration');
      if (!fsync || !['p50', 'p90', 'p99', 'max'].every((s) => finite(fsync, s))) problems.push(`${member} wal_fsync_duration ${JSON.stringify(fsync?.stats)}`);
      const [db] = of('db_size_bytes');
      if (!db || !finite(db, 'latest') || db.stats.latest! <= 0) problems.push(`${member} db_size_bytes ${JSON.stringify(db?.stats)}`);
      const rtt = of('peer_rtt');
      const peers = rtt.map((r) => r.member.split('→')[1]).sort();
      if (rtt.length !== 2 || !rtt.every((r) => finite(r, 'p99')) || peers.includes(member)) problems.push(`${member} peer_rtt ${JSON.stringify(rtt.map((r) => [r.member, r.stats.p99]))}`);
      const [cpu] = of('process_cpu_percent');
      if (!cpu || !finite(cpu, 'avg') || !finite(cpu, 'max') || cpu.stats.avg! <= 0) problems.push(`${member} process_cpu_percent ${JSON.stringify(cpu?.stats)}`);
    }
    return problems;
  };
  // Prometheus scrapes every 5 s: poll (bounded; a fresh bed on a busy machine took 30 s) until the writes are
  // visible, with a fresh collector each time.
  let problems: string[] = ['not collected'];
  const deadline = Date.now() + 120_000;
  while (problems.length && Date.now() < deadline) {
    const source = createPrometheusSource({ url: PROM });
    const r = await createCollector(source, profile, silentLogger).collect({ metrics: want, range: resolveTimeRange({ duration: '5m' }, new Date()) });
    source.close();
    assert.deepEqual(r.errors, []);
    problems = check(r.metrics);
    if (problems.length) await new Promise((res) => setTimeout(res, 2000));
  }
  assert.deepEqual(problems, []);
});

test('a member filter narrows every etcd metric to that member', async () => {
  const source = createPrometheusSource({ url: PROM });
  const r = await createCollector(source, profile, silentLogger).collect({
    metrics: ['db_size_bytes', 'peer_rtt', 'disk_write_iops', 'has_leader'],
    range: resolveTimeRange({ duration: '15m' }, new Date()),
    member: 'm2',
  });
  source.close();
  assert.deepEqual(r.errors, []);
  const etcdRows = r.metrics.filter((m) => m.scope !== 'node');
  assert.ok(etcdRows.length >= 4);
  for (const m of etcdRows) assert.ok(m.member === 'm2' || m.member.startsWith('m2→'), `${m.metric}: ${m.member}`);
  assert.ok(r.metrics.some((m) => m.metric === 'disk_write_iops'), 'the node of m2 is kept');
});
