// etcd 3.5 dropped the 3.4 `etcd_debugging_mvcc_` copies of some series (DB size, put/delete/txn counters; the
// compaction histogram and key counter kept their debugging names). The generation is read from the
// version labels etcd exports about itself, with one cheap instant query; the collector caches the answer.
import type { InstantSample } from '../source/types';
import type { EtcdGeneration } from './types';
import { joinMatchers } from '../util/promql';

/** Assumed when nothing says otherwise: current releases. Queries carry `or` fallbacks for the other names anyway. */
export const DEFAULT_GENERATION: EtcdGeneration = '3.5+';

/** One query answering "which versions run here": server versions per member plus the cluster version. */
export function generationQuery(etcdMatchers: string): string {
  const sel = `{${joinMatchers(etcdMatchers)}}`;
  return `etcd_server_version${sel} or etcd_cluster_version${sel}`;
}

/** `3.4.23` / `3.4` → '3.4'; `3.5.9`, `3.6.0`, `4.0` → '3.5+'; anything unparseable → undefined. Older than 3.4 uses 3.4 names. */
export function parseGeneration(version: string | undefined): EtcdGeneration | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(String(version ?? '').trim());
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 3 || (major === 3 && minor >= 5) ? '3.5+' : '3.4';
}

/**
 * Picks the generation from `etcd_server_version{server_version}` / `etcd_cluster_version{cluster_version}` samples.
 * The cluster version wins (it is what the whole cluster speaks); otherwise the oldest member decides, so a cluster
 * mid-upgrade is read with the older names first.
 */
export function detectGeneration(samples: readonly InstantSample[]): EtcdGeneration {
  const cluster = samples.map((s) => parseGeneration(s.labels.cluster_version)).filter((g): g is EtcdGeneration => !!g);
  if (cluster.length) return cluster.includes('3.4') ? '3.4' : '3.5+';
  const servers = samples.map((s) => parseGeneration(s.labels.server_version)).filter((g): g is EtcdGeneration => !!g);
  if (servers.length) return servers.includes('3.4') ? '3.4' : '3.5+';
  return DEFAULT_GENERATION;
}
