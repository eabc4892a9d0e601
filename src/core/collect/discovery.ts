// One cheap instant query per collector tells what the rest of a collection needs to know about the cluster:
// the etcd generation (metric names), member ids (peer metrics label pairs by hex id), the member label sets
// (for the member filter), the node-exporter nodes (for member→node mapping), and whether Prometheus scrapes only a
// reduced set of etcd metrics (OpenShift's `minimal` monitoring collection profile).
import type { InstantSample, MetricSource, QueryOptions } from '../source/types';
import type { Profile } from '../profiles/types';
import type { EtcdGeneration } from '../metrics/types';
import { DEFAULT_GENERATION, detectGeneration, generationQuery } from '../metrics/generation';
import { joinMatchers } from '../util/promql';

export interface Discovery {
  generation: EtcdGeneration;
  /** hex member id (etcd_server_id{server_id}) → member name. */
  memberById: Map<string, string>;
  /** member name → the labels of one of its series (to build the member filter and map it to a node). */
  members: Map<string, Record<string, string>>;
  /** Node names seen on node-exporter targets. */
  nodes: string[];
  /**
   * etcd answers (has_leader) but exports neither its version nor its id: the series a reduced scrape drops first,
   * as OpenShift's `minimal` collection profile does (servicemonitor-etcd-minimal keeps 14 etcd metrics).
   */
  reducedScrape?: boolean;
}

export const EMPTY_DISCOVERY: Discovery = { generation: DEFAULT_GENERATION, memberById: new Map(), members: new Map(), nodes: [] };

/**
 * `lookback` (a PromQL duration, the analysed window): members stopped before the window's end still have their
 * last `etcd_server_id` sample inside it, so their peers' `To="<hex id>"` series are named (m3, not 380588bcdd0fdd48).
 */
export function discoveryQuery(profile: Profile, lookback = '1h'): string {
  const etcd = `{${joinMatchers(profile.etcdMatchers())}}`;
  const node = `{${joinMatchers(profile.nodeMatchers())}}`;
  // has_leader is kept by every scrape profile: with it, a missing version/id says "reduced scrape", not "no etcd".
  // last_over_time keeps the metric name: the marker label tells a remembered id from a member answering now.
  const remembered = `label_replace(last_over_time(etcd_server_id${etcd}[${lookback}]), "${LOOKBACK_MARK}", "1", "", "")`;
  return `${generationQuery(profile.etcdMatchers())} or etcd_server_id${etcd} or ${remembered} or etcd_server_has_leader${etcd} or up${node}`;
}

/** Label on the remembered `etcd_server_id` samples (members seen earlier in the window, maybe gone now). */
const LOOKBACK_MARK = 'analyzer_lookback';

export function parseDiscovery(samples: readonly InstantSample[], profile: Profile): Discovery {
  const etcdSamples = samples.filter((s) => s.labels.__name__?.startsWith('etcd_') && !s.labels[LOOKBACK_MARK]);
  const memberById = new Map<string, string>();
  const members = new Map<string, Record<string, string>>();
  for (const s of etcdSamples) {
    const member = profile.memberOf(s.labels);
    if (!members.has(member)) members.set(member, s.labels);
  }
  // Any sample with a server_id maps an id to its member, answering now or remembered from earlier in the window.
  for (const s of samples) {
    if (s.labels.server_id) memberById.set(s.labels.server_id.toLowerCase(), profile.memberOf(s.labels));
  }
  const nodes = [...new Set(samples.filter((s) => s.labels.__name__ === 'up').map((s) => profile.nodeOf(s.labels)))].sort();
  const has = (name: string) => etcdSamples.some((s) => s.labels.__name__ === name);
  const reducedScrape = has('etcd_server_has_leader') && !has('etcd_server_version') && !has('etcd_server_id') && !has('etcd_cluster_version');
  return { generation: detectGeneration(etcdSamples), memberById, members, nodes, ...(reducedScrape ? { reducedScrape } : {}) };
}

export async function discover(source: MetricSource, profile: Profile, time: Date, opts: QueryOptions, lookback?: string): Promise<Discovery> {
  return parseDiscovery(await source.instant(discoveryQuery(profile, lookback), time, opts), profile);
}
