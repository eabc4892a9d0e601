// Connection settings for the CLI and the MCP server: command-line flags first, then ETCD_ANALYZER_* variables.
// Tokens come from a file or the environment only, never from a flag (a flag would show in `ps`).
import { existsSync, readFileSync } from 'node:fs';
import type { EngineOptions } from '../context';
import type { ProfileId } from '../profiles/types';
import { defaultProfileConfig, OPENSHIFT_ETCD_SELECTOR, OPENSHIFT_NODE_SELECTOR } from '../profiles';
import { redactUrl } from '../util/redact';

export interface ConnectionFlags {
  prometheus?: string;
  tokenFile?: string;
  caFile?: string;
  insecureSkipTlsVerify?: boolean;
  profile?: string;
  etcdSelector?: string;
  nodeSelector?: string;
  /** Comma list (as typed) or already split. */
  etcdEndpoints?: string | string[];
  history?: string;
  kubeconfig?: string;
  kubeContext?: string;
  /** Largest Prometheus reply in MiB (as typed). */
  maxReplyMb?: string;
}

/** EngineOptions plus what the face still has to open itself (the history file). */
export interface ResolvedConnection extends EngineOptions {
  historyFile?: string;
}

/** A setting is missing or wrong: the message says which flag/variable and what to do. Faces map it to a usage error. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export const PROFILE_IDS: readonly ProfileId[] = ['generic', 'openshift'];

export const ENV = {
  url: 'ETCD_ANALYZER_PROMETHEUS_URL',
  token: 'ETCD_ANALYZER_TOKEN',
  tokenFile: 'ETCD_ANALYZER_TOKEN_FILE',
  caFile: 'ETCD_ANALYZER_CA_FILE',
  insecure: 'ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY',
  profile: 'ETCD_ANALYZER_PROFILE',
  etcdSelector: 'ETCD_ANALYZER_ETCD_SELECTOR',
  nodeSelector: 'ETCD_ANALYZER_NODE_SELECTOR',
  etcdEndpoints: 'ETCD_ANALYZER_ETCD_ENDPOINTS',
  history: 'ETCD_ANALYZER_HISTORY',
  historyRetentionDays: 'ETCD_ANALYZER_HISTORY_RETENTION_DAYS',
  historyMaxMB: 'ETCD_ANALYZER_HISTORY_MAX_MB',
  thresholds: 'ETCD_ANALYZER_THRESHOLDS',
  reportDir: 'ETCD_ANALYZER_REPORT_DIR',
  kubeContext: 'ETCD_ANALYZER_KUBE_CONTEXT',
  maxReplyMb: 'ETCD_ANALYZER_MAX_REPLY_MB',
} as const;

/** `urlOptional`: the caller only reads history (no Prometheus query), so a missing URL is fine. */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv, opts: { urlOptional?: boolean } = {}): ResolvedConnection {
  const pick = (flag: string | undefined, name: string): string | undefined => nonEmpty(flag) ?? nonEmpty(env[name]);

  const profile = pick(flags.profile, ENV.profile) ?? 'generic';
  if (!PROFILE_IDS.includes(profile as ProfileId)) {
    throw new ConnectionError(`unknown profile "${profile.slice(0, 40)}": use one of ${PROFILE_IDS.join(', ')} (--profile or ${ENV.profile})`);
  }

  const url = pick(flags.prometheus, ENV.url);
  // OpenShift can discover the Thanos querier from the kubeconfig; every other profile needs a URL.
  if (!url && profile !== 'openshift' && !opts.urlOptional) {
    throw new ConnectionError(`no Prometheus URL: pass --prometheus http://host:9090 or set ${ENV.url}`);
  }
  if (url) checkUrl(url);

  const config = defaultProfileConfig(url ?? '');
  config.profile = profile as ProfileId;
  if (profile === 'openshift') {
    config.etcdSelector = OPENSHIFT_ETCD_SELECTOR;
    config.nodeSelector = OPENSHIFT_NODE_SELECTOR;
  }
  config.etcdSelector = pick(flags.etcdSelector, ENV.etcdSelector) ?? config.etcdSelector;
  config.nodeSelector = pick(flags.nodeSelector, ENV.nodeSelector) ?? config.nodeSelector;
  const endpoints = splitEndpoints(flags.etcdEndpoints ?? env[ENV.etcdEndpoints]);
  if (endpoints.length) config.etcdEndpoints = endpoints;
  const kubeconfig = nonEmpty(flags.kubeconfig) ?? nonEmpty(env.KUBECONFIG);
  if (kubeconfig) config.kubeconfig = kubeconfig;
  const kubeContext = pick(flags.kubeContext, ENV.kubeContext);
  if (kubeContext) config.kubeContext = kubeContext;

  const caFile = pick(flags.caFile, ENV.caFile);
  if (caFile && !existsSync(caFile)) {
    throw new ConnectionError(`CA file ${caFile} does not exist: check --ca-file / ${ENV.caFile}`);
  }
  const insecure = flags.insecureSkipTlsVerify === true || isTrue(env[ENV.insecure]);
  const tls = caFile || insecure ? { ...(caFile ? { caFile } : {}), ...(insecure ? { insecureSkipVerify: true } : {}) } : undefined;

  const out: ResolvedConnection = { profile: config, token: readToken(flags, env, pick) };
  if (tls) out.tls = tls;
  const maxReply = pick(flags.maxReplyMb, ENV.maxReplyMb);
  if (maxReply !== undefined) {
    const mb = Number(maxReply);
    if (!Number.isFinite(mb) || mb < 1 || mb > 4096) {
      throw new ConnectionError(`--max-reply-mb / ${ENV.maxReplyMb} "${maxReply.slice(0, 20)}" must be a number of MiB between 1 and 4096 (default 64)`);
    }
    out.maxReplyBytes = Math.round(mb * 1024 * 1024);
  }
  const history = pick(flags.history, ENV.history);
  if (history) out.historyFile = history;
  return out;
}

function readToken(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  pick: (flag: string | undefined, name: string) => string | undefined,
): string | undefined {
  const file = pick(flags.tokenFile, ENV.tokenFile);
  // An explicit file wins over a token in the environment: it is the more deliberate choice.
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new ConnectionError(`cannot read token file ${file} (${code}): check --token-file / ${ENV.tokenFile}`);
    }
    const token = text.trim();
    if (!token) throw new ConnectionError(`token file ${file} is empty: put the bearer token in it`);
    return token;
  }
  return nonEmpty(env[ENV.token]);
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectionError(`"${redactUrl(url).slice(0, 80)}" is not a URL: pass --prometheus like http://127.0.0.1:9090`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConnectionError(`Prometheus URL must use http or https, got ${parsed.protocol}`);
  }
}

/** `127.0.0.1:2379,https://h:2379` → full URLs; etcdctl-style host:port gets http://. */
export function splitEndpoints(value: string | string[] | undefined): string[] {
  const items = Array.isArray(value) ? value : (value ?? '').split(',');
  return items
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`));
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

function isTrue(v: string | undefined): boolean {
  return /^(1|true|yes)$/i.test(v?.trim() ?? '');
}
