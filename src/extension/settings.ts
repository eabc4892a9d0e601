// The one typed accessor for `etcdAnalyzer.*` settings, and their translation into EngineOptions.
// Secrets are not settings: the Prometheus token and the LLM API key live in SecretStorage (secrets.ts).
import * as vscode from 'vscode';
import type { EngineOptions } from '../core/context';
import type { ProfileId } from '../core/profiles/types';
import { GENERIC_ETCD_SELECTOR, GENERIC_NODE_SELECTOR } from '../core/profiles';

export const SECTION = 'etcdAnalyzer';

export type LmProvider = 'vscode' | 'openai-compatible' | 'none';

export interface Settings {
  profile: ProfileId;
  prometheusUrl: string;
  etcdSelector: string;
  nodeSelector: string;
  memberToNode: Record<string, string>;
  etcdEndpoints: string[];
  /** openshift profile: kubeconfig path (default ~/.kube/config or $KUBECONFIG) and context (default current). */
  kubeconfig: string;
  kubeContext: string;
  tlsCaFile: string;
  tlsInsecureSkipVerify: boolean;
  defaultDuration: string;
  refreshIntervalSeconds: number;
  thresholds: Record<string, unknown>;
  lmProvider: LmProvider;
  lmBaseUrl: string;
  lmModel: string;
  historyEnabled: boolean;
  historyRetentionDays: number;
  historyMaxSizeMB: number;
}

// One default for every face: the generic profile's selectors.
export { GENERIC_ETCD_SELECTOR as DEFAULT_ETCD_SELECTOR, GENERIC_NODE_SELECTOR as DEFAULT_NODE_SELECTOR } from '../core/profiles';

/** Reads every setting once; callers take a fresh snapshot per run so edits apply without reloading. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const str = (key: string, def = '') => {
    const v = c.get<unknown>(key);
    return typeof v === 'string' ? v.trim() : def;
  };
  const num = (key: string, def: number) => {
    const v = c.get<unknown>(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : def;
  };
  const provider = str('lm.provider', 'vscode');
  return {
    profile: str('profile', 'generic') === 'openshift' ? 'openshift' : 'generic',
    prometheusUrl: str('prometheus.url'),
    etcdSelector: str('etcdSelector') || GENERIC_ETCD_SELECTOR,
    nodeSelector: str('nodeSelector') || GENERIC_NODE_SELECTOR,
    memberToNode: stringRecord(c.get<unknown>('memberToNode')),
    etcdEndpoints: stringList(c.get<unknown>('etcdEndpoints')),
    kubeconfig: str('kubeconfig'),
    kubeContext: str('kubeContext'),
    tlsCaFile: str('tls.caFile'),
    tlsInsecureSkipVerify: c.get<unknown>('tls.insecureSkipVerify') === true,
    defaultDuration: str('defaultDuration', '1h') || '1h',
    refreshIntervalSeconds: Math.max(10, num('refreshIntervalSeconds', 60)),
    thresholds: plainObject(c.get<unknown>('thresholds')),
    lmProvider: provider === 'openai-compatible' || provider === 'none' ? provider : 'vscode',
    lmBaseUrl: str('lm.baseUrl'),
    lmModel: str('lm.model'),
    historyEnabled: c.get<unknown>('history.enabled') !== false,
    historyRetentionDays: Math.max(1, num('history.retentionDays', 30)),
    historyMaxSizeMB: Math.max(1, num('history.maxSizeMB', 50)),
  };
}

/** Writes one setting at the narrowest sensible target: the workspace when one is open, else the user settings. */
export async function writeSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}

export function isConfigured(s: Settings = readSettings()): boolean {
  // openshift discovers the Thanos querier from the kubeconfig when no URL is set.
  return s.prometheusUrl.length > 0 || s.profile === 'openshift';
}

/** Settings + secrets → the options core's createContext takes. */
export function toEngineOptions(s: Settings, token: string | undefined): EngineOptions {
  return {
    profile: {
      profile: s.profile,
      prometheusUrl: s.prometheusUrl,
      etcdSelector: s.etcdSelector,
      nodeSelector: s.nodeSelector,
      memberToNode: Object.keys(s.memberToNode).length ? s.memberToNode : undefined,
      etcdEndpoints: s.etcdEndpoints.length ? s.etcdEndpoints : undefined,
      kubeconfig: s.kubeconfig || undefined,
      kubeContext: s.kubeContext || undefined,
    },
    token: token || undefined,
    tls: s.tlsCaFile || s.tlsInsecureSkipVerify
      ? { caFile: s.tlsCaFile || undefined, insecureSkipVerify: s.tlsInsecureSkipVerify || undefined }
      : undefined,
    thresholds: s.thresholds,
  };
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') v = v.split(',');
  return Array.isArray(v) ? v.map((x) => String(x).trim()).filter(Boolean) : [];
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(plainObject(v))) if (typeof val === 'string' && val) out[k] = val;
  return out;
}

function plainObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {};
}
