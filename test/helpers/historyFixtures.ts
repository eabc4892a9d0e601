// Builders of analyzer results for history tests (shapes as the real analyzers return them).
import type { AnalyzerResult, MetricSummary, Statistic } from '../../src/core/types';

export function latencyRow(member: string, stats: Partial<Record<Statistic, number | null>>, metric = 'wal_fsync_duration'): MetricSummary {
  return { metric, title: 'WAL fsync duration', category: 'wal_fsync', scope: 'member', member, unit: 'seconds', stats };
}

/** A result whose window ends at `endMs`, one row per member with the given p99 (p50 = p99 / 4). */
export function walResult(endMs: number, p99ByMember: Record<string, number | null>, extra: MetricSummary[] = []): AnalyzerResult {
  return {
    tool: 'get_etcd_disk_wal_fsync',
    title: 'etcd WAL fsync latency',
    summary: 'test run',
    status: 'ok',
    range: { start: new Date(endMs - 3_600_000).toISOString(), end: new Date(endMs).toISOString(), duration: '1h', stepSeconds: 5 },
    metrics: [
      ...Object.entries(p99ByMember).map(([m, v]) => latencyRow(m, { p50: v === null ? null : v / 4, p99: v, max: v === null ? null : v * 2 })),
      ...extra,
    ],
    findings: [],
    errors: [],
  };
}

/** A wide result (many metric rows) to fill a store quickly: `n` metrics × members × 4 stats. */
export function wideResult(endMs: number, members: string[], n: number, seed = 1): AnalyzerResult {
  const metrics: MetricSummary[] = [];
  for (let i = 0; i < n; i++) {
    for (const m of members) {
      const v = ((seed * 9301 + i * 49297 + m.length * 233) % 233280) / 233280;
      metrics.push({ metric: `bench_metric_${i}`, title: `metric ${i}`, category: 'general', scope: 'member', member: m, unit: 'seconds', stats: { avg: v, max: v * 2, min: v / 2, latest: v } });
    }
  }
  return { ...walResult(endMs, {}), tool: 'get_etcd_performance_deep_drive', metrics };
}
