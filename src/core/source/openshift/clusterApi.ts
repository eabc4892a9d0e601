// ClusterApi for get_ocp_cluster_info: OpenShift ClusterVersion, Infrastructure, Network and the nodes; on plain
// Kubernetes the server version and the nodes.
import type { ClusterApi, ClusterInfo, NodeInfo } from '../clusterApiTypes';
import type { KubeClient } from './kubeClient';
import { isOpenShift } from './discovery';
import { parseQuantity } from './quantity';
import { INFRASTRUCTURE_PATH, type InfrastructureJson } from './topology';

interface NodeJson {
  metadata?: { name?: string; labels?: Record<string, string> };
  status?: { capacity?: Record<string, string>; conditions?: { type?: string; status?: string }[]; nodeInfo?: { kubeletVersion?: string } };
}
interface ClusterVersionJson {
  status?: { desired?: { version?: string }; history?: { state?: string; version?: string }[] };
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

/**
 * The installed version, and the target while an update runs. `status.desired` is the target as soon as an update
 * starts, while `history[0]` (newest first) stays `Partial` until it completes: the installed version is then the
 * newest `Completed` entry.
 */
export function clusterVersionOf(cv: ClusterVersionJson | undefined): { version?: string; updatingTo?: string } {
  const history = cv?.status?.history ?? [];
  const desired = cv?.status?.desired?.version;
  const completed = history.find((h) => h.state === 'Completed')?.version;
  if (history[0]?.state === 'Partial') {
    const target = history[0].version ?? desired;
    return { ...(completed ? { version: completed } : {}), ...(target ? { updatingTo: target } : {}) };
  }
  const version = completed ?? desired;
  return version ? { version } : {};
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
        kube.getOptional<InfrastructureJson>(INFRASTRUCTURE_PATH, signal),
        kube.getOptional<NetworkJson>('/apis/config.openshift.io/v1/networks/cluster', signal),
      ]);
      const topology = infra?.status?.controlPlaneTopology;
      return {
        kind: 'openshift',
        ...clusterVersionOf(cv),
        platform: infra?.status?.platformStatus?.type ?? infra?.status?.platform,
        ...(topology ? { controlPlaneTopology: topology } : {}),
        networkType: net?.status?.networkType ?? net?.spec?.networkType,
        nodes: (nodes.items ?? []).map(toNodeInfo),
      } satisfies ClusterInfo;
    },
  };
}
