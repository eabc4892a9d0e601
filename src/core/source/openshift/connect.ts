// Turns an `openshift` profile into concrete connections: kubeconfig → Kubernetes API client, Thanos querier
// URL (unless given), the bearer token and CA for it, the ClusterApi and the etcdctl-exec ClusterStatusProvider.
import { rootCertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { ClusterApi } from '../clusterApiTypes';
import type { ClusterStatusProvider } from '../clusterStatusTypes';
import { SourceError, type TlsOptions } from '../types';
import { loadKubeTarget, type KubeTarget } from './kubeconfig';
import { inClusterAvailable, inClusterTarget } from './inCluster';
import { createKubeClient, type KubeClient } from './kubeClient';
import { discoverPrometheusUrl } from './discovery';
import { createKubeClusterApi } from './clusterApi';
import { createEtcdctlExecStatus } from './etcdctlStatus';

export interface OpenShiftConnectOptions {
  kubeconfig?: string;
  context?: string;
  /** Prometheus/Thanos URL; discovered from the routes when empty. */
  prometheusUrl?: string;
  /** Token saved by the user (SecretStorage / token file): wins over the kubeconfig's. */
  token?: string;
  /** Explicit TLS for Prometheus (--ca-file...); default: the kubeconfig CA plus the system roots. */
  prometheusTls?: TlsOptions;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface OpenShiftConnection {
  target: KubeTarget;
  kube: KubeClient;
  prometheusUrl: string;
  /** How the URL was found: `given`, `route thanos-querier`, `route prometheus-k8s`. */
  prometheusFrom: string;
  token?: string;
  prometheusTls: TlsOptions;
  clusterApi: ClusterApi;
  clusterStatus: ClusterStatusProvider;
}

/**
 * Routes are served by the ingress router, whose certificate is usually signed by the cluster's ingress CA (often in
 * the kubeconfig bundle) or a public CA: trust both the kubeconfig CA and the system roots.
 */
function routeTls(target: KubeTarget): TlsOptions {
  if (target.tls.insecureSkipVerify) return { insecureSkipVerify: true };
  let kubeCa = target.tls.caPem ?? '';
  if (!kubeCa && target.tls.caFile) {
    try {
      kubeCa = readFileSync(target.tls.caFile, 'utf8');
    } catch {
      kubeCa = '';
    }
  }
  return kubeCa ? { caPem: [kubeCa.trim(), ...rootCertificates].join('\n') } : {};
}

export async function connectOpenShift(opts: OpenShiftConnectOptions): Promise<OpenShiftConnection> {
  const env = opts.env ?? process.env;
  // A named kubeconfig wins; else a pod's service account; else ~/.kube/config.
  const inCluster = !opts.kubeconfig && !env.KUBECONFIG && inClusterAvailable(env);
  const target = inCluster ? inClusterTarget(env) : loadKubeTarget({ kubeconfig: opts.kubeconfig, context: opts.context, env });
  const kube = createKubeClient(target);
  let prometheusUrl = (opts.prometheusUrl ?? '').trim();
  let prometheusFrom = 'given';
  if (!prometheusUrl) {
    const found = await discoverPrometheusUrl(kube, opts.signal);
    prometheusUrl = found.url;
    prometheusFrom = `route ${found.route}`;
  }
  const token = opts.token || target.token;
  if (!token) {
    throw new SourceError(
      'auth',
      `context "${target.context}" has no bearer token (client-certificate login), and the OpenShift monitoring stack needs one`,
      prometheusUrl,
      'log in with `oc login` (token) or set a token with "etcd: Set Prometheus Token" / --token-file',
    );
  }
  return {
    target,
    kube,
    prometheusUrl,
    prometheusFrom,
    token,
    prometheusTls: opts.prometheusTls ?? routeTls(target),
    clusterApi: createKubeClusterApi(kube),
    clusterStatus: createEtcdctlExecStatus(kube),
  };
}
