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
 * Deals `items` into at most `n` batches, round-robin in the given order, so neighbours in the catalog (which tend to
 * cost alike: the gRPC ones are the heavy ones) land in different batches and the batches come out about even.
 */
export function planBatches<T>(items: readonly T[], n: number): T[][] {
  const k = Math.max(1, Math.min(n, items.length));
  const out: T[][] = Array.from({ length: k }, () => []);
  items.forEach((item, i) => out[i % k].push(item));
  return out.filter((b) => b.length > 0);
}
