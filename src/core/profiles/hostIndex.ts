// Member → node lookup in O(1): with thousands of members a linear `knownNodes.find(sameHost)` per sample is
// quadratic (minutes for 3,000 members). One index per node list, built on first use; same answers as sameHost():
// case-insensitive, loopback spellings are one host, the first node in list order wins.
import { isLoopbackHost } from './instance';

const indexes = new WeakMap<readonly string[], { byHost: Map<string, string>; loopback?: string }>();

export function findNodeByHost(knownNodes: readonly string[], host: string): string | undefined {
  let idx = indexes.get(knownNodes);
  if (!idx) {
    idx = { byHost: new Map() };
    for (const n of knownNodes) {
      const k = n.toLowerCase();
      if (!idx.byHost.has(k)) idx.byHost.set(k, n);
      if (idx.loopback === undefined && isLoopbackHost(k)) idx.loopback = n;
    }
    indexes.set(knownNodes, idx);
  }
  const h = host.toLowerCase();
  const exact = idx.byHost.get(h);
  if (isLoopbackHost(h) && idx.loopback !== undefined) {
    // sameHost() matches any loopback spelling: the first loopback node in list order, like find().
    const first = knownNodes.indexOf(idx.loopback);
    return exact !== undefined && knownNodes.indexOf(exact) < first ? exact : idx.loopback;
  }
  return exact;
}
