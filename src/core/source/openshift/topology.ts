// Hosted control planes (HyperShift, ROSA/ARO hosted): Infrastructure `status.controlPlaneTopology: External`.
// etcd then runs in the management cluster, not in this one's openshift-etcd namespace, so etcd's own status
// cannot be read from here and this cluster's Prometheus has no etcd series; its node metrics still can be read.
import type { KubeClient } from './kubeClient';

export const INFRASTRUCTURE_PATH = '/apis/config.openshift.io/v1/infrastructures/cluster';

export interface InfrastructureJson {
  status?: { platform?: string; platformStatus?: { type?: string }; controlPlaneTopology?: string; infrastructureTopology?: string };
}

export function isExternalControlPlane(topology: string | undefined): boolean {
  return topology === 'External';
}

/** Read once when needed (a failure or a non-OpenShift cluster is "unknown", never an error of its own). */
export async function controlPlaneTopology(kube: KubeClient, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await kube.getOptional<InfrastructureJson>(INFRASTRUCTURE_PATH, signal))?.status?.controlPlaneTopology;
  } catch {
    return undefined;
  }
}

/** What a hosted control plane means for this analyzer: what still works and what is out of reach. */
export const EXTERNAL_CONTROL_PLANE = {
  message:
    "this cluster's control plane is hosted outside it (Infrastructure controlPlaneTopology: External, e.g. hosted " +
    "control planes / HyperShift): no etcd pod runs in openshift-etcd, so etcd's own status (members, leader, " +
    'health, DB size, alarms) is out of reach from this cluster, and its Prometheus scrapes no etcd',
  hint:
    "this cluster's Prometheus can still be read for its nodes (node-exporter: CPU, memory, disk, network). etcd " +
    "runs in the management cluster, in the hosted control plane's namespace (e.g. clusters-<name>): to analyse it, " +
    "use that cluster's kubeconfig and Prometheus with an etcd selector for that namespace",
};
