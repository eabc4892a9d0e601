// A profile says where the metrics live and how to read member/node identity out of their labels.
// `generic`: any Prometheus with an etcd job. `openshift`: Thanos querier + openshift-etcd.

export type ProfileId = 'generic' | 'openshift';

export interface ProfileConfig {
  profile: ProfileId;
  prometheusUrl: string;
  /** PromQL label matchers (without braces) selecting etcd series. Default `job=~".*etcd.*"`. */
  etcdSelector: string;
  /** PromQL label matchers (without braces) selecting node-exporter series. Default `job=~".*node.*"`. */
  nodeSelector: string;
  /** Explicit member→node mapping; when empty the mapping is automatic (instance host match). */
  memberToNode?: Record<string, string>;
  /** etcd client endpoints for the v3 JSON gateway (cluster status), e.g. http://127.0.0.1:2379. */
  etcdEndpoints?: string[];
  /** openshift: kubeconfig path and context. */
  kubeconfig?: string;
  kubeContext?: string;
}

export interface Profile {
  readonly id: ProfileId;
  readonly config: ProfileConfig;
  /** Matchers for etcd series, e.g. `job=~".*etcd.*"` (already safe PromQL). */
  etcdMatchers(): string;
  /** Matchers for node-exporter series. */
  nodeMatchers(): string;
  /** Label names that carry the member name, first present wins: member, pod, instance. */
  readonly memberLabels: readonly string[];
  /** Label names that carry the node name on node-exporter series: node, nodename, instance. */
  readonly nodeLabels: readonly string[];
  /** Member name from a sample's labels (first present of memberLabels; instance has its port stripped only when unambiguous). */
  memberOf(labels: Record<string, string>): string;
  /** Node name from node-exporter labels. */
  nodeOf(labels: Record<string, string>): string;
  /** Node hosting a member, from the explicit mapping or by matching instance hosts; undefined when unknown. */
  /**
   * With `knownNodes` (node names seen on node-exporter series) only a node from that list is returned, so an
   * automatic mapping never names a node without data.
   */
  nodeForMember(member: string, memberLabels?: Record<string, string>, knownNodes?: readonly string[]): string | undefined;
  /** Whether data sources that need a cluster API (OpenShift/Kubernetes) exist for this profile. */
  readonly hasClusterApi: boolean;
}
