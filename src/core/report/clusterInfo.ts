// Reads etcd's own view of the cluster (members, leader, health, version) out of analyzer results.
// get_etcd_cluster_status puts an EtcdClusterStatus in `data`; the exact key is looked up tolerantly
// (`data.status`, `data.cluster`, or `data` itself) so the renderers do not break if it moves.
import type { AnalyzerResult } from '../types';
import type { EtcdClusterStatus, EtcdMemberStatus } from '../source/clusterStatusTypes';

function isMemberList(v: unknown): v is EtcdMemberStatus[] {
  return Array.isArray(v) && v.every((m) => m && typeof m === 'object' && typeof (m as { name?: unknown }).name === 'string');
}

function asStatus(v: unknown): EtcdClusterStatus | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Partial<EtcdClusterStatus>;
  if (!isMemberList(o.members)) return undefined;
  return { ...o, members: o.members, alarms: Array.isArray(o.alarms) ? o.alarms : [] } as EtcdClusterStatus;
}

export function findClusterStatus(results: readonly AnalyzerResult[]): EtcdClusterStatus | undefined {
  for (const r of results) {
    const d = r.data;
    if (!d) continue;
    const found = asStatus(d.status) ?? asStatus(d.cluster) ?? asStatus(d.clusterStatus) ?? asStatus(d);
    if (found && found.members.length) return found;
  }
  return undefined;
}

/** Versions reported by members, e.g. `3.4.23` or `3.5.9, 3.5.10` during an upgrade. */
export function etcdVersions(status: EtcdClusterStatus | undefined): string | undefined {
  const v = [...new Set((status?.members ?? []).map((m) => m.version).filter((x): x is string => !!x))];
  return v.length ? v.sort().join(', ') : undefined;
}
