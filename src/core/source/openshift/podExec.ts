// Runs a command in a pod through the Kubernetes exec API (WebSocket, channel protocol v4): stdout, stderr and
// the exit status. The command is passed as API arguments, never through a shell; no secret is on it.
import WebSocket from 'ws';
import { SourceError } from '../types';
import { loadTls } from '../tls';
import { kubeHttpError, kubeNetworkError } from './kubeClient';
import type { KubeTarget } from './kubeconfig';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** 0 on success; the command's exit code otherwise (-1 when the API reported a failure without one). */
  exitCode: number;
  /** The API's failure message, when any. */
  message?: string;
}

interface StatusJson {
  status?: string;
  message?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

export function execPath(namespace: string, pod: string, container: string, command: string[]): string {
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  q.set('container', container);
  q.set('stdout', 'true');
  q.set('stderr', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/exec?${q.toString()}`;
}

export function execInPod(
  target: KubeTarget,
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ExecResult> {
  const path = execPath(namespace, pod, container, command);
  const shown = `exec ${namespace}/${pod} -c ${container} -- ${command.join(' ')}`;
  const tls = loadTls(target.tls);
  const url = target.server.replace(/^http/, 'ws') + path;
  return new Promise<ExecResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let status: StatusJson | undefined;
    let settled = false;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], {
      headers: target.token ? { Authorization: `Bearer ${target.token}` } : {},
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      rejectUnauthorized: tls.rejectUnauthorized,
      handshakeTimeout: opts.timeoutMs ?? 30_000,
    });
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (e: SourceError) => finish(() => {
      ws.terminate();
      reject(e);
    });
    const onAbort = () => fail(new SourceError('cancelled', 'cancelled', shown, 'the run was cancelled'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => fail(new SourceError('timeout', `${shown} did not finish within ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s`, shown, 'the etcd pod may be overloaded; retry or check it with `oc get pods -n openshift-etcd`')),
      opts.timeoutMs ?? 30_000,
    );
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => fail(kubeHttpError(res.statusCode ?? 0, shown, target, body)));
    });
    ws.on('error', (e) => fail(kubeNetworkError(e, shown, target)));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.from(data as unknown as ArrayBuffer);
      if (!isBinary && buf.length === 0) return;
      const channel = buf[0];
      const payload = buf.subarray(1);
      if (channel === 1) out.push(payload);
      else if (channel === 2) err.push(payload);
      else if (channel === 3) {
        try {
          status = JSON.parse(payload.toString('utf8')) as StatusJson;
        } catch {
          status = { status: 'Failure', message: payload.toString('utf8') };
        }
      }
    });
    ws.on('close', () =>
      finish(() => {
        const stdout = Buffer.concat(out).toString('utf8');
        const stderr = Buffer.concat(err).toString('utf8');
        if (!status || status.status === 'Success') return resolve({ stdout, stderr, exitCode: 0 });
        const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
        resolve({ stdout, stderr, exitCode: code !== undefined && /^\d+$/.test(code) ? Number(code) : -1, message: status.message });
      }),
    );
  });
}
