// Kubernetes/OpenShift API access used by get_ocp_cluster_info and get_ocp_node_usage.

export interface NodeInfo {
  name: string;
  roles: string[];
  cpuCores?: number;
  memoryBytes?: number;
  ready: boolean;
  kubeletVersion?: string;
}

export interface ClusterInfo {
  kind: 'openshift' | 'kubernetes';
  /** The installed version (during an update still the old one). */
  version?: string;
  /** The version an update in progress goes to (ClusterVersion history[0] still Partial). */
  updatingTo?: string;
  /** OpenShift Infrastructure status.controlPlaneTopology: HighlyAvailable, SingleReplica, DualReplica, External. */
  controlPlaneTopology?: string;
  platform?: string;
  networkType?: string;
  nodes: NodeInfo[];
}

export interface ClusterApi {
  readonly description: string;
  clusterInfo(signal?: AbortSignal): Promise<ClusterInfo>;
}
