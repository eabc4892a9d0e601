// Several metrics' queries in one HTTP request. Each part is tagged with a marker label
// (`label_replace(q, "analyzer_metric", "<id>", "", "")`) and the parts are joined with `or`; the answer is split
// back by that label. Why: a catalog query is typically < 1 ms of server work, so with one request per metric a
// collection is dominated by per-request cost (HTTP, query setup, JSON), and on a small Prometheus 60+ requests
// queue behind each other. A handful of batches, spread over the source's concurrency, keeps every core busy.
import { escapeLabelValue } from '../util/promql';
import type { InstantSample, RangeSeries } from '../source/types';

export const METRIC_LABEL = 'analyzer_metric';

export interface BatchPart {
  id: string;
  query: string;
}

/** `label_replace(expr, "label", "value", "", "")`: adds a constant label to every element of `expr`. */
export function withLabel(expr: string, label: string, value: string): string {
  return `label_replace(${expr}, "${label}", "${escapeLabelValue(value)}", "", "")`;
}

/** One query for all parts; a single part is sent as it is (identical to the unbatched query, so it de-duplicates). */
export function batchQuery(parts: readonly BatchPart[]): string {
  if (parts.length === 1) return parts[0].query;
  return parts.map((p) => withLabel(p.query, METRIC_LABEL, p.id)).join(' or ');
}

/** Splits a batch answer back per part id (the marker label removed). A single-part batch has no marker. */
export function splitByPart<T extends InstantSample | RangeSeries>(parts: readonly BatchPart[], result: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>(parts.map((p) => [p.id, []]));
  if (parts.length === 1) {
    out.set(parts[0].id, [...result]);
    return out;
  }
  for (const r of result) {
    const id = r.labels[METRIC_LABEL];
    const bucket = id === undefined ? undefined : out.get(id);
    if (!bucket) continue;
    const { [METRIC_LABEL]: _marker, ...labels } = r.labels;
    bucket.push({ ...r, labels });
  }
  return out;
}

/**
 * Deals `items` into at most `n` batches. Prometheus evaluates one query's `or` branches one after the other, so a
 * batch costs the sum of its parts and the collection waits for its dearest batch: with `cost`, the dearest item goes
 * first to the cheapest batch so far (longest-processing-time-first), so one heavy query (a week of gRPC latency
 * buckets) travels nearly alone instead of with seven others. Without `cost` (or with equal costs) this is round-robin
 * in the given order: neighbours in the catalog land in different batches.
 */
export function planBatches<T>(items: readonly T[], n: number, cost?: (item: T) => number): T[][] {
  const k = Math.max(1, Math.min(n, items.length));
  const out: T[][] = Array.from({ length: k }, () => []);
  const load = new Array<number>(k).fill(0);
  const order = items.map((item, i) => ({ item, i, c: cost ? cost(item) : 1 }));
  // Stable: equal costs keep the catalog's order.
  if (cost) order.sort((a, b) => b.c - a.c || a.i - b.i);
  for (const { item, c } of order) {
    let best = 0;
    for (let b = 1; b < k; b++) if (load[b] < load[best]) best = b;
    out[best].push(item);
    load[best] += c;
  }
  return out.filter((b) => b.length > 0);
}

/**
 * A rough, relative estimate of what a query costs Prometheus: its range reads and subqueries (`[3600s]`,
 * `[3600s:60s]`), times how many series its selectors tend to match — histogram buckets (~16 per series), gRPC
 * method × code sets (etcd pre-creates every pair), per-peer pairs (`To`/`From`). Measured on the week-long fixture,
 * the gRPC latency and peer round-trip quantiles cost 10–50× a gauge's statistics; this ranks them so.
 */
export function estimatedCost(query: string): number {
  const reads = (query.match(/\[\d+[smhdw](:\d+[smhdw])?\]/g) ?? []).length || 1;
  const series = (/_bucket\b/.test(query) ? 16 : 1) * (/\bgrpc_/.test(query) ? 8 : 1) * (/\b(To|From)\b/.test(query) ? 4 : 1);
  return reads * series;
}
