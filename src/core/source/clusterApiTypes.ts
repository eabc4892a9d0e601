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
  version?: string;
  platform?: string;
  networkType?: string;
  nodes: NodeInfo[];
}

export interface ClusterApi {
  readonly description: string;
  clusterInfo(signal?: AbortSignal): Promise<ClusterInfo>;
}
