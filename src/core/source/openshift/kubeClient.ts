// Minimal Kubernetes API client over HTTPS: JSON GETs with the kubeconfig's token/certificates, typed errors
// whose hints name the fix (log in again, ask for a role, check the server). Exec lives in podExec.ts.
import type * as http from 'node:http';
import { SourceError } from '../types';
import { createAgent, loadTls } from '../tls';
import { errorCode, isTlsError } from '../errors';
import type { KubeTarget } from './kubeconfig';
import { boundedFetch, DEFAULT_MAX_REPLY_BYTES, RedirectRefused, ReplyTooLarge } from '../boundedFetch';

const MAX_KUBE_REPLY_BYTES = DEFAULT_MAX_REPLY_BYTES;

export interface KubeClient {
  readonly target: KubeTarget;
  /** GET a JSON resource; throws SourceError. */
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  /** Like get, but undefined for 404 (resource or API group absent). */
  getOptional<T>(path: string, signal?: AbortSignal): Promise<T | undefined>;
  close(): void;
}

export const KUBE_TLS_HINT =
  "the API server's certificate is not trusted: the kubeconfig needs the cluster's certificate-authority(-data), " +
  'or — only for a test cluster — insecure-skip-tls-verify: true';

export function kubeHttpError(status: number, path: string, target: KubeTarget, body: string): SourceError {
  let reason = '';
  try {
    reason = String((JSON.parse(body) as { message?: string }).message ?? '');
  } catch {
    reason = body.slice(0, 200);
  }
  const detail = reason ? `: ${reason.slice(0, 300)}` : '';
  if (status === 401) {
    return new SourceError('auth', `the Kubernetes API ${target.server} answered 401 Unauthorized`, path, `the token of context "${target.context}" is expired or invalid: run \`oc login\` again`, status);
  }
  if (status === 403) {
    return new SourceError(
      'forbidden',
      `the Kubernetes API refused ${path} (403 Forbidden)${detail}`,
      path,
      'the logged-in user lacks permission: ask for cluster-reader (cluster info, routes) and pods/exec in openshift-etcd (cluster status), or log in as a cluster admin',
      status,
    );
  }
  if (status === 404) return new SourceError('unavailable', `${path} does not exist on ${target.server}${detail}`, path, 'the API or resource is not present on this cluster', status);
  return new SourceError(status >= 500 ? 'server' : 'bad_response', `the Kubernetes API answered HTTP ${status} for ${path}${detail}`, path, 'check the API server health and retry', status);
}

export function kubeNetworkError(e: unknown, path: string, target: KubeTarget): SourceError {
  if (isTlsError(e)) return new SourceError('unreachable', `TLS handshake with ${target.server} failed (${errorCode(e) ?? 'certificate'})`, path, KUBE_TLS_HINT);
  return new SourceError(
    'unreachable',
    `cannot connect to the Kubernetes API ${target.server} (${errorCode(e) ?? String((e as Error)?.message ?? e).slice(0, 120)})`,
    path,
    `check the cluster server URL of context "${target.context}" and your network/VPN`,
  );
}

export function createKubeClient(target: KubeTarget, opts: { timeoutMs?: number } = {}): KubeClient {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let agent: http.Agent | undefined;
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'etcd-performance-analyzer' };
  if (target.token) headers.Authorization = `Bearer ${target.token}`;

  async function request(path: string, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    let url: URL;
    try {
      url = new URL(target.server + path);
    } catch {
      throw new SourceError('bad_input', `the kubeconfig server "${target.server}" is not a URL`, path, 'fix the cluster server in the kubeconfig');
    }
    agent ??= createAgent(url, loadTls(target.tls), 4);
    const merged = signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    try {
      const res = await boundedFetch(url.toString(), { headers, agent, signal: merged }, MAX_KUBE_REPLY_BYTES);
      return { status: res.status, text: res.text };
    } catch (e) {
      if (signal?.aborted) throw new SourceError('cancelled', 'cancelled', path, 'the run was cancelled');
      if (e instanceof RedirectRefused) throw new SourceError('unreachable', `the Kubernetes API ${target.server} ${e.message}`, path, `set the cluster server of context "${target.context}" to the API server itself (port 6443), not a console or proxy`, e.status);
      if (e instanceof ReplyTooLarge) throw new SourceError('bad_response', `the Kubernetes API answer to ${path}: ${e.message}`, path, 'check the kubeconfig server is the Kubernetes API');
      if (merged.aborted) throw new SourceError('timeout', `the Kubernetes API did not answer ${path} within ${timeoutMs / 1000} s`, path, 'check the API server and your network');
      throw kubeNetworkError(e, path, target);
    }
  }

  function parse<T>(text: string, path: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new SourceError('bad_response', `${target.server}${path} did not answer JSON`, path, 'check the kubeconfig server is the Kubernetes API (port 6443), not a console or proxy');
    }
  }

  return {
    target,
    async get<T>(path: string, signal?: AbortSignal) {
      const r = await request(path, signal);
      if (r.status >= 400) throw kubeHttpError(r.status, path, target, r.text);
      return parse<T>(r.text, path);
    },
    async getOptional<T>(path: string, signal?: AbortSignal) {
      const r = await request(path, signal);
      if (r.status === 404) return undefined;
      if (r.status >= 400) throw kubeHttpError(r.status, path, target, r.text);
      return parse<T>(r.text, path);
    },
    close() {
      agent?.destroy();
    },
  };
}
