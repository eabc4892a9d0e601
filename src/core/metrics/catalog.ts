// The metric catalog: every metric declared once, by category. Analyzers, rules, charts and reports use these ids.
import type { MetricCategory } from '../types';
import type { MetricDef } from './types';
import { generalMetrics } from './catalog/general';
import { walFsyncMetrics } from './catalog/walFsync';
import { backendCommitMetrics } from './catalog/backendCommit';
import { compactDefragMetrics } from './catalog/compactDefrag';
import { diskMetrics } from './catalog/disk';
import { networkMetrics } from './catalog/network';
import { grpcMetrics } from './catalog/grpc';

export const catalog: readonly MetricDef[] = [
  ...generalMetrics,
  ...walFsyncMetrics,
  ...backendCommitMetrics,
  ...compactDefragMetrics,
  ...diskMetrics,
  ...networkMetrics,
  ...grpcMetrics,
];

const byId = new Map(catalog.map((m) => [m.id, m]));
if (byId.size !== catalog.length) throw new Error('metric catalog: duplicate id');

export const metricIds: readonly string[] = catalog.map((m) => m.id);

export function getMetric(id: string): MetricDef | undefined {
  return byId.get(id);
}

/** Ids of one category, in catalog order (what an analyzer of that category collects). */
export function metricIdsOf(category: MetricCategory): string[] {
  return catalog.filter((m) => m.category === category).map((m) => m.id);
}
