// Cluster status read from etcd itself (v3 JSON gateway for generic; etcdctl via pod exec for OpenShift).

export interface EtcdMemberStatus {
  name: string;
  id: string; // hex member id
  endpoint: string;
  healthy: boolean;
  isLeader: boolean;
  version?: string;
  dbSizeBytes?: number;
  dbSizeInUseBytes?: number;
  raftTerm?: number;
  raftIndex?: number;
  raftAppliedIndex?: number;
  errors?: string[];
  /** Health check error text when unhealthy. */
  error?: string;
}

export interface EtcdClusterStatus {
  clusterId?: string;
  leaderId?: string;
  leaderName?: string;
  members: EtcdMemberStatus[];
  /** e.g. [{ member: 'm3', alarm: 'NOSPACE' }] */
  alarms: { memberId: string; member?: string; alarm: string }[];
}

export interface ClusterStatusProvider {
  readonly description: string;
  status(signal?: AbortSignal): Promise<EtcdClusterStatus>;
}
