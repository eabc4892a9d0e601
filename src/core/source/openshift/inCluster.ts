// In-cluster configuration (the analyzer running as a pod, e.g. `etcd-analyzer serve` from deploy/): the API server
// from KUBERNETES_SERVICE_HOST/PORT, the service account's token and CA from the standard mount. Used by the
// openshift profile when no kubeconfig is named (no --kubeconfig, no KUBECONFIG), as client libraries do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError } from '../types';
import type { KubeTarget } from './kubeconfig';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Another mount point for the service account files (tests; unusual pod layouts). */
export const SERVICE_ACCOUNT_DIR_ENV = 'ETCD_ANALYZER_SERVICEACCOUNT_DIR';

/** Whether this process looks like a pod with a service account: the API server variables and a token file. */
export function inClusterAvailable(env: NodeJS.ProcessEnv): boolean {
  return !!env.KUBERNETES_SERVICE_HOST && !!env.KUBERNETES_SERVICE_PORT && existsSync(join(serviceAccountDir(env), 'token'));
}

export function serviceAccountDir(env: NodeJS.ProcessEnv): string {
  return env[SERVICE_ACCOUNT_DIR_ENV] || SERVICE_ACCOUNT_DIR;
}

/**
 * The API server target of the pod's service account. The token is read once, when the engine opens: projected
 * tokens are refreshed on disk by the kubelet, and a restarted pod reads the new one.
 */
export function inClusterTarget(env: NodeJS.ProcessEnv): KubeTarget {
  const dir = serviceAccountDir(env);
  const host = String(env.KUBERNETES_SERVICE_HOST ?? '').trim();
  const port = String(env.KUBERNETES_SERVICE_PORT ?? '').trim();
  const fix = `run in a pod with a service account (automountServiceAccountToken: true), or name a kubeconfig (--kubeconfig / KUBECONFIG)`;
  if (!host || !/^\d{1,5}$/.test(port)) throw new SourceError('bad_input', `KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT ("${host.slice(0, 60)}", "${port.slice(0, 10)}") do not name the API server`, dir, fix);
  const read = (file: string, what: string) => {
    try {
      return readFileSync(join(dir, file), 'utf8').trim();
    } catch (e) {
      throw new SourceError('bad_input', `cannot read the service account ${what} ${join(dir, file)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, dir, fix);
    }
  };
  const token = read('token', 'token');
  if (!token) throw new SourceError('auth', `the service account token ${join(dir, 'token')} is empty`, dir, fix);
  const caPem = read('ca.crt', 'CA');
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return { server: `https://${h}:${port}`, context: 'in-cluster', token, tls: { caPem }, source: dir };
}
