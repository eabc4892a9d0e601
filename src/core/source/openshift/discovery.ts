// Finds where OpenShift's metrics can be read: the Thanos querier route in openshift-monitoring (it federates
// platform and user metrics), else the prometheus-k8s route. Also tells OpenShift from plain Kubernetes.
import { SourceError } from '../types';
import type { KubeClient } from './kubeClient';

export const MONITORING_NAMESPACE = 'openshift-monitoring';
const ROUTES = ['thanos-querier', 'prometheus-k8s'];

interface Route {
  spec?: { host?: string; path?: string; tls?: unknown };
}

/** `https://thanos-querier-openshift-monitoring.apps.example.com` (route path kept). */
export async function discoverPrometheusUrl(kube: KubeClient, signal?: AbortSignal): Promise<{ url: string; route: string }> {
  for (const name of ROUTES) {
    const path = `/apis/route.openshift.io/v1/namespaces/${MONITORING_NAMESPACE}/routes/${name}`;
    const route = await kube.getOptional<Route>(path, signal);
    const host = route?.spec?.host;
    if (host) {
      const scheme = route?.spec?.tls ? 'https' : 'http';
      // OpenShift's monitoring routes carry `path: /api` as a prefix matcher: the API base is the host itself.
      const path = (route?.spec?.path ?? '').replace(/\/+$/, '');
      const base = path.startsWith('/api') ? '' : path;
      return { url: `${scheme}://${host}${base}`, route: name };
    }
  }
  throw new SourceError(
    'unavailable',
    `no thanos-querier or prometheus-k8s route in ${MONITORING_NAMESPACE} on ${kube.target.server}`,
    `/apis/route.openshift.io/v1/namespaces/${MONITORING_NAMESPACE}/routes`,
    'give the Prometheus URL explicitly (--prometheus, e.g. after `oc port-forward -n openshift-monitoring svc/thanos-querier 9091`), or check that cluster monitoring is installed',
  );
}

/** OpenShift serves the config.openshift.io API group; plain Kubernetes does not. */
export async function isOpenShift(kube: KubeClient, signal?: AbortSignal): Promise<boolean> {
  return (await kube.getOptional('/apis/config.openshift.io/v1', signal)) !== undefined;
}
