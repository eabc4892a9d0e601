// Findings linked by `related` grouped into chains: the root (the finding that explains the others) and its effects.
import type { Bottleneck } from '../modelTypes';

export interface RootCauseChain {
  root: Bottleneck;
  /** The findings the root explains, in report priority order. */
  effects: Bottleneck[];
}

/**
 * Groups findings linked by `related` into chains. The root of a group is the finding with the most links (the
 * correlation finding that names both sides, e.g. "disk is the bottleneck on m2"); ties go to the higher priority.
 */
export function rootCauseChains(bottlenecks: readonly Bottleneck[]): RootCauseChain[] {
  const byId = new Map(bottlenecks.map((b) => [b.findingId, b]));
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!byId.has(a) || !byId.has(b) || a === b) return;
    (links.get(a) ?? links.set(a, new Set()).get(a)!).add(b);
    (links.get(b) ?? links.set(b, new Set()).get(b)!).add(a);
  };
  for (const b of bottlenecks) for (const r of b.relatedIds ?? []) link(b.findingId, r);

  const order = new Map(bottlenecks.map((b, i) => [b.findingId, i]));
  const seen = new Set<string>();
  const chains: RootCauseChain[] = [];
  for (const start of bottlenecks) {
    if (seen.has(start.findingId) || !links.has(start.findingId)) continue;
    const group: Bottleneck[] = [];
    const queue = [start.findingId];
    seen.add(start.findingId);
    while (queue.length) {
      const id = queue.shift()!;
      group.push(byId.get(id)!);
      for (const n of links.get(id) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
    }
    group.sort((a, b) => order.get(a.findingId)! - order.get(b.findingId)!);
    const root = group.reduce((best, b) => ((b.relatedIds?.length ?? 0) > (best.relatedIds?.length ?? 0) ? b : best), group[0]);
    chains.push({ root, effects: group.filter((b) => b !== root) });
  }
  return chains;
}
