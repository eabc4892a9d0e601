// ClusterApi for get_ocp_cluster_info: OpenShift ClusterVersion, Infrastructure, Network and the nodes; on plain
// Kubernetes the server version and the nodes.
import type { ClusterApi, ClusterInfo, NodeInfo } from '../clusterApiTypes';
import type { KubeClient } from './kubeClient';
import { isOpenShift } from './discovery';
import { parseQuantity } from './quantity';

interface NodeJson {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: { capacity?: Record<string, string>; conditions?: { type?: string; status?: string }[]; nodeInfo?: { kubeletVersion?: string } };
}
interface ClusterVersionJson {
  status?: { desired?: { version?: string }; history?: { state?: string; version?: string }[] };
}
interface InfrastructureJson {
  status?: { platform?: string; platformStatus?: { type?: string } };
}
interface NetworkJson {
  spec?: { networkType?: string };
  status?: { networkType?: string };
}

/** Roles from `node-role.kubernetes.io/<role>` labels (master/control-plane both kept, as the cluster labels them). */
export function nodeRoles(labels: Record<string, string> = {}): string[] {
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length) || labels[k])
    .filter(Boolean);
  return roles.length ? roles.sort() : ['worker'];
}

export function toNodeInfo(n: NodeJson): NodeInfo {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return {
    name: n.metadata?.name ?? 'unknown',
    roles: nodeRoles(n.metadata?.labels),
    cpuCores: parseQuantity(n.status?.capacity?.cpu),
    memoryBytes: parseQuantity(n.status?.capacity?.memory),
    ready,
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion,
  };
}

export function createKubeClusterApi(kube: KubeClient): ClusterApi {
  return {
    description: `Kubernetes API ${kube.target.server} (context ${kube.target.context})`,
    async clusterInfo(signal) {
      const [openshift, nodes] = await Promise.all([isOpenShift(kube, signal), kube.get<{ items?: NodeJson[] }>('/api/v1/nodes', signal)]);
      if (!openshift) {
        const version = await kube.get<{ gitVersion?: string }>('/version', signal);
        return { kind: 'kubernetes', version: version.gitVersion, nodes: (nodes.items ?? []).map(toNodeInfo) } satisfies ClusterInfo;
      }
      const [cv, infra, net] = await Promise.all([
        kube.getOptional<ClusterVersionJson>('/apis/config.openshift.io/v1/clusterversions/version', signal),
        kube.getOptional<InfrastructureJson>('/apis/config.openshift.io/v1/infrastructures/cluster', signal),
        kube.getOptional<NetworkJson>('/apis/config.openshift.io/v1/networks/cluster', signal),
      ]);
      const completed = cv?.status?.history?.find((h) => h.state === 'Completed')?.version;
      return {
        kind: 'openshift',
        version: cv?.status?.desired?.version ?? completed,
        platform: infra?.status?.platformStatus?.type ?? infra?.status?.platform,
        networkType: net?.status?.networkType ?? net?.spec?.networkType,
        nodes: (nodes.items ?? []).map(toNodeInfo),
      } satisfies ClusterInfo;
    },
  };
}
