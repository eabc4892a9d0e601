// Real OpenShift objects (test/fixtures/openshift/real, copied byte for byte from public repositories: see the
// README there) turned into the JSON answers an API server gives. What a manifest or a gathered object does not
// carry is added HERE, in one place, and listed in test/fixtures/README.md: a Route's `spec.host` (the router
// assigns it), the PodList around the one captured etcd pod, that pod renamed per node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

export const REAL_DIR = join(__dirname, '..', 'fixtures', 'openshift', 'real');

/** A real object as parsed JSON (YAML files are `oc get -o yaml` captures or manifests). */
export function realObject<T = Record<string, unknown>>(file: string): T {
  const text = readFileSync(join(REAL_DIR, file), 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text)) as T;
}

export const realJson = (file: string): string => JSON.stringify(realObject(file));

/** The cluster-monitoring-operator route manifest with the `spec.host` a router would have admitted. */
export function routeWithHost(file: 'route-thanos-querier.yaml' | 'route-prometheus-k8s-api.yaml', host: string): string {
  const r = realObject<{ spec: Record<string, unknown> }>(file);
  return JSON.stringify({ ...r, apiVersion: 'route.openshift.io/v1', spec: { host, ...r.spec } });
}

interface PodJson {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { nodeName?: string };
  status: { phase?: string; conditions?: { type: string; status: string }[] };
}

/**
 * A PodList of the captured 4.7 etcd pod (containers etcdctl, etcd, etcd-metrics; labels app=etcd), one copy per
 * node, named `etcd-<node>` as OpenShift names static pods. `notReady` nodes get Ready=False.
 */
export function etcdPodList(nodes: readonly string[], notReady: readonly string[] = []): string {
  const pod = realObject<PodJson>('pod-openshift-etcd-etcd-master-0.insights-sample.json');
  const items = nodes.map((node) => ({
    ...pod,
    metadata: { ...pod.metadata, name: `etcd-${node}` },
    spec: { ...pod.spec, nodeName: node },
    status: {
      ...pod.status,
      conditions: (pod.status.conditions ?? []).map((c) => (c.type === 'Ready' && notReady.includes(node) ? { ...c, status: 'False' } : c)),
    },
  }));
  return JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items });
}

/** The real Infrastructure with another `status.controlPlaneTopology` (for hosted control planes: `External`). */
export function infrastructureWithTopology(topology: string): string {
  const infra = realObject<{ status: Record<string, unknown> }>('infrastructure-cluster.insights-sample.json');
  return JSON.stringify({ ...infra, status: { ...infra.status, controlPlaneTopology: topology } });
}

/** Node names of a real node list. */
export function nodeNames(file: string, role?: string): string[] {
  const list = realObject<{ items: { metadata: { name: string; labels?: Record<string, string> } }[] }>(file);
  return list.items.filter((n) => !role || n.metadata.labels?.[`node-role.kubernetes.io/${role}`] !== undefined).map((n) => n.metadata.name);
}

/** The keep regex of the real `minimal` collection-profile ServiceMonitor: the only etcd metrics it scrapes. */
export function minimalProfileKeepRegex(): RegExp {
  const sm = realObject<{ spec: { endpoints: { metricRelabelings: { action: string; regex: string }[] }[] } }>('servicemonitor-etcd-minimal.yaml');
  const keep = sm.spec.endpoints[0].metricRelabelings.find((r) => r.action === 'keep')!;
  return new RegExp(`^(?:${keep.regex})$`);
}
