// Names the peer side of pair rows that the collector could only label with a raw hex member id (the peer was gone
// from Prometheus for the whole window), from what another source still knows: etcd's member list (the cluster
// status read through the etcd API), where a stopped member is still listed with its id and name.
import type { MetricSummary } from '../types';
import type { EtcdClusterStatus } from '../source/clusterStatusTypes';

const HEX_ID = /^[0-9a-f]{6,16}$/;

export function namePeers(metrics: readonly MetricSummary[], status: EtcdClusterStatus | undefined): MetricSummary[] {
  const byId = new Map((status?.members ?? []).filter((m) => m.id && m.name).map((m) => [m.id.toLowerCase().replace(/^0+/, ''), m.name]));
  if (!byId.size) return [...metrics];
  const nameOf = (side: string) => (HEX_ID.test(side) ? byId.get(side.replace(/^0+/, '')) : undefined);
  return metrics.map((m) => {
    if (m.scope !== 'pair') return m;
    const [from, to] = m.member.split('→');
    const f = nameOf(from ?? '');
    const t = nameOf(to ?? '');
    if (!f && !t) return m;
    const labels = m.labels?.peer && nameOf(m.labels.peer) ? { ...m.labels, peer: nameOf(m.labels.peer)! } : m.labels;
    return { ...m, member: `${f ?? from}→${t ?? to}`, ...(labels ? { labels } : {}) };
  });
}
