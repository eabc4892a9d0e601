// WAL fsync and backend commit share one shape (a latency histogram, its event rate, its mean): built here once.
import type { MetricCategory } from '../../types';
import type { MetricDef, QueryParams } from '../types';
import { etcdQuantile, etcdRate } from '../build';
import { histogram, windowed } from '../kinds';

export function diskLatencyMetrics(o: {
  prefix: string;
  histogram: string;
  category: MetricCategory;
  what: string;
  target: string;
}): MetricDef[] {
  const h = o.histogram;
  return [
    histogram({
      id: `${o.prefix}_duration`,
      title: `${o.what} latency`,
      category: o.category,
      scope: 'member',
      unit: 'seconds',
      description: `${o.what} latency per member (${h}): p50/p90/p99 over the window, max = worst rolling p99. Healthy p99 ${o.target}.`,
      quantile: (p, q, w) => etcdQuantile(p, q, h, w),
    }),
    windowed({
      id: `${o.prefix}_rate`,
      title: `${o.what} operations`,
      category: o.category,
      scope: 'member',
      unit: 'per_second',
      description: `${o.what} operations per second (${h}_count).`,
      over: (p, w) => etcdRate(p, `${h}_count`, w),
    }),
    windowed({
      id: `${o.prefix}_avg_seconds`,
      title: `${o.what} mean latency`,
      category: o.category,
      scope: 'member',
      unit: 'seconds',
      description: `Mean ${o.what} latency (${h}_sum / _count); null when there was no operation.`,
      avg: 'ratio',
      over: (p: QueryParams, w) => `${etcdRate(p, `${h}_sum`, w)} / ${etcdRate(p, `${h}_count`, w)}`,
    }),
  ];
}
