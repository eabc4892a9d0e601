// A small kubeconfig reader (current or chosen context → server, CA, token or client certificate).
// Why not @kubernetes/client-node: 2.x is ESM-only and pulls undici 8 (Node ≥ 22.19), newer than the CLI's
// Node 20 and VS Code 1.101's extension host; we need only this file and a few GETs plus one exec.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { SourceError, type TlsOptions } from '../types';

export interface KubeTarget {
  /** API server URL, e.g. https://api.cluster.example:6443 */
  server: string;
  context: string;
  /** Bearer token (never logged). */
  token?: string;
  tls: TlsOptions;
  /** The kubeconfig file(s) it came from, for messages. */
  source: string;
}

interface KubeconfigDoc {
  'current-context'?: string;
  contexts?: { name: string; context?: { cluster?: string; user?: string; namespace?: string } }[];
  clusters?: { name: string; cluster?: Record<string, unknown> }[];
  users?: { name: string; user?: Record<string, unknown> }[];
}

const FIX = 'run `oc login` (or `kubectl config use-context`), or choose the kubeconfig (--kubeconfig / KUBECONFIG) and context (--kube-context / etcdAnalyzer.kubeContext)';

function bad(message: string, where: string, hint = FIX): SourceError {
  return new SourceError('bad_input', message, where, hint);
}

/** The kubeconfig files to read: explicit path, else $KUBECONFIG (a path list), else ~/.kube/config. */
export function kubeconfigPaths(explicit?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (explicit) return [explicit];
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  return list.length ? list : [join(homedir(), '.kube', 'config')];
}

function readDoc(file: string): KubeconfigDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw bad(`cannot read the kubeconfig ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    throw bad(`the kubeconfig ${file} is not valid YAML: ${String((e as Error).message).split('\n')[0]}`, file, 'fix or regenerate the file (`oc login` writes a fresh one)');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw bad(`the kubeconfig ${file} is not a kubeconfig (no clusters/contexts/users)`, file);
  const d = doc as KubeconfigDoc;
  // Relative file references are relative to the kubeconfig's own folder.
  const base = dirname(resolve(file));
  const abs = (o: Record<string, unknown> | undefined, keys: string[]) => {
    for (const k of keys) if (o && typeof o[k] === 'string' && o[k] && !isAbsolute(o[k] as string)) o[k] = join(base, o[k] as string);
  };
  for (const c of d.clusters ?? []) abs(c.cluster, ['certificate-authority']);
  for (const u of d.users ?? []) abs(u.user, ['client-certificate', 'client-key', 'tokenFile']);
  return d;
}

/** Merges files the way kubectl does: first file wins for each name and for current-context. */
function merged(paths: string[]): KubeconfigDoc {
  const out: Required<Pick<KubeconfigDoc, 'contexts' | 'clusters' | 'users'>> & KubeconfigDoc = { contexts: [], clusters: [], users: [] };
  const errors: SourceError[] = [];
  for (const p of paths) {
    let d: KubeconfigDoc;
    try {
      d = readDoc(p);
    } catch (e) {
      if (paths.length === 1) throw e;
      errors.push(e as SourceError);
      continue;
    }
    out['current-context'] ??= d['current-context'] || undefined;
    for (const k of ['contexts', 'clusters', 'users'] as const) {
      for (const item of (d[k] ?? []) as { name: string }[]) {
        if (item?.name && !(out[k] as { name: string }[]).some((x) => x.name === item.name)) (out[k] as { name: string }[]).push(item as never);
      }
    }
  }
  if (!out.contexts.length && errors.length) throw errors[0];
  return out;
}

export function listContexts(explicit?: string, env: NodeJS.ProcessEnv = process.env): { contexts: string[]; current?: string } {
  const d = merged(kubeconfigPaths(explicit, env));
  return { contexts: d.contexts!.map((c) => c.name), current: d['current-context'] };
}

const b64 = (v: unknown) => (typeof v === 'string' && v ? Buffer.from(v, 'base64').toString('utf8') : undefined);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Resolves a context into what an HTTPS client needs. Throws SourceError(bad_input) naming the fix. */
export function loadKubeTarget(opts: { kubeconfig?: string; context?: string; env?: NodeJS.ProcessEnv } = {}): KubeTarget {
  const paths = kubeconfigPaths(opts.kubeconfig, opts.env ?? process.env);
  const source = paths.join(delimiter);
  const d = merged(paths);
  const ctxName = opts.context || d['current-context'];
  if (!ctxName) throw bad(`the kubeconfig ${source} has no current context`, source);
  const ctx = d.contexts!.find((c) => c.name === ctxName);
  if (!ctx) {
    const names = d.contexts!.map((c) => c.name).slice(0, 10).join(', ') || 'none';
    throw bad(`context "${ctxName}" is not in ${source} (contexts: ${names})`, source);
  }
  const cluster = d.clusters!.find((c) => c.name === ctx.context?.cluster)?.cluster;
  if (!cluster || !str(cluster.server)) throw bad(`context "${ctxName}" names cluster "${ctx.context?.cluster ?? ''}" which has no server in ${source}`, source);
  const user = d.users!.find((u) => u.name === ctx.context?.user)?.user ?? {};
  if (user.exec || user['auth-provider']) {
    throw bad(
      `context "${ctxName}" authenticates with an ${user.exec ? 'exec' : 'auth-provider'} plugin, which this tool does not run`,
      source,
      'log in with a token (`oc login --token=…`) or store a token with "etcd: Set Prometheus Token"',
    );
  }
  let token = str(user.token);
  if (!token && str(user.tokenFile)) {
    try {
      token = readFileSync(user.tokenFile as string, 'utf8').trim();
    } catch {
      throw bad(`cannot read the token file ${String(user.tokenFile)} named in ${source}`, source);
    }
  }
  const tls: TlsOptions = {
    caFile: str(cluster['certificate-authority']),
    caPem: b64(cluster['certificate-authority-data']),
    certFile: str(user['client-certificate']),
    certPem: b64(user['client-certificate-data']),
    keyFile: str(user['client-key']),
    keyPem: b64(user['client-key-data']),
    insecureSkipVerify: cluster['insecure-skip-tls-verify'] === true ? true : undefined,
  };
  for (const k of Object.keys(tls) as (keyof TlsOptions)[]) if (tls[k] === undefined) delete tls[k];
  return { server: String(cluster.server).replace(/\/+$/, ''), context: ctxName, token, tls, source };
}
