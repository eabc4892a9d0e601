// Generated analyzer results for the browser tests' edge cases and the bench (the recorded fixtures cover real
// data). Deterministic: a seeded generator, so two runs draw the same pixels.
import type { AnalyzerResult, MetricSummary, Point, Series, Unit } from '../../src/core/types';
import { buildDashboardState } from '../../src/core/report/dashboardState';
import type { DashboardRange, DashboardState } from '../../src/core/report/dashboardTypes';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface SyntheticOptions {
  hours: number;
  stepSeconds: number;
  members?: string[];
  /** Every n-th point is a gap (null), 0 = none. */
  gapEvery?: number;
  end?: number;
}

const CHART_METRICS: { metric: string; unit: Unit; base: number; spread: number; pair?: boolean }[] = [
  { metric: 'wal_fsync_duration', unit: 'seconds', base: 0.004, spread: 0.006 },
  { metric: 'backend_commit_duration', unit: 'seconds', base: 0.008, spread: 0.01 },
  { metric: 'peer_rtt', unit: 'seconds', base: 0.002, spread: 0.003, pair: true },
  { metric: 'db_size_bytes', unit: 'bytes', base: 40e6, spread: 2e6 },
  { metric: 'process_cpu_percent', unit: 'percent', base: 12, spread: 20 },
  { metric: 'node_iowait_percent', unit: 'percent', base: 1, spread: 4 },
];

export function syntheticDeepDrive(o: SyntheticOptions): AnalyzerResult {
  const members = o.members ?? ['m1', 'm2', 'm3'];
  const end = o.end ?? Date.UTC(2026, 0, 15, 12, 0, 0);
  const start = end - o.hours * 3600_000;
  const n = Math.floor((o.hours * 3600) / o.stepSeconds) + 1;
  const rand = rng(42);
  const series: Series[] = [];
  const metrics: MetricSummary[] = [];
  for (const def of CHART_METRICS) {
    for (const m of members) {
      // Pairs would multiply lines; the bench counts 3 lines per chart (3 members × 6 charts).
      const member = def.pair ? `${m}→${members[(members.indexOf(m) + 1) % members.length]}` : m;
      const points: Point[] = new Array(n);
      let walk = def.base;
      for (let i = 0; i < n; i++) {
        walk = Math.max(0, walk + (rand() - 0.5) * def.spread * 0.2);
        const spike = rand() > 0.999 ? def.spread * 5 : 0;
        points[i] = [start + i * o.stepSeconds * 1000, o.gapEvery && i % o.gapEvery === 0 ? null : walk + rand() * def.spread + spike];
      }
      series.push({ metric: def.metric, member, unit: def.unit, points });
      const p99 = def.base + def.spread;
      metrics.push({
        metric: def.metric,
        title: def.metric,
        category: 'general',
        scope: def.pair ? 'pair' : def.metric === 'node_iowait_percent' ? 'node' : 'member',
        member,
        unit: def.unit,
        stats: def.unit === 'seconds' ? { p50: def.base, p90: p99 * 0.8, p99 } : { avg: def.base, max: p99, latest: def.base },
      });
    }
  }
  for (const m of members) {
    metrics.push({ metric: 'process_memory_bytes', title: 'memory', category: 'general', scope: 'member', member: m, unit: 'bytes', stats: { avg: 80e6, latest: 81e6 } });
    metrics.push({ metric: 'db_in_use_bytes', title: 'in use', category: 'general', scope: 'member', member: m, unit: 'bytes', stats: { latest: 30e6 } });
    metrics.push({ metric: 'db_quota_percent', title: 'quota', category: 'general', scope: 'member', member: m, unit: 'percent', stats: { latest: 1.9 } });
  }
  return {
    tool: 'get_etcd_performance_deep_drive',
    title: 'Deep drive (synthetic)',
    summary: 'synthetic data',
    status: 'ok',
    range: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), duration: `${o.hours}h`, stepSeconds: o.stepSeconds },
    metrics,
    findings: [
      {
        id: `wal_fsync_p99_high:${members[1] ?? members[0]}`,
        rule: 'wal_fsync_p99_high',
        category: 'disk',
        severity: 'warning',
        member: members[1] ?? members[0],
        title: `WAL fsync p99 above target on ${members[1] ?? members[0]}`,
        evidence: [{ metric: 'wal_fsync_duration', member: members[1] ?? members[0], statistic: 'p99', value: 0.012, unit: 'seconds', threshold: 0.01 }],
        rootCause: 'Slow disk',
        recommendation: 'Use a faster disk',
      },
    ],
    series,
    errors: [],
  };
}

export function syntheticDashboardState(o: SyntheticOptions & { range?: DashboardRange }): DashboardState {
  const deep = syntheticDeepDrive(o);
  return buildDashboardState({ range: o.range ?? '24h', deep, now: new Date(Date.parse(deep.range.end)) });
}
