// "etcd: Configure Connection": a quick-pick wizard (profile, URL, selectors, endpoints), then a connection test.
// Automation and tests pass a ConnectionArgs object instead of answering the prompts.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { DEFAULT_ETCD_SELECTOR, DEFAULT_NODE_SELECTOR, readSettings, writeSetting } from '../settings';
import { testConnection } from './testConnection';
import { detectOpenShift, readKubeContexts, type KubeContexts } from './kubeContexts';
import { redactUrl } from '../../core/util/redact';

export interface ConnectionArgs {
  profile?: 'generic' | 'openshift';
  /** Empty with profile openshift: discovered from the kubeconfig (Thanos querier route). */
  prometheusUrl: string;
  /** openshift: kubeconfig context (default current). */
  kubeContext?: string;
  etcdSelector?: string;
  nodeSelector?: string;
  etcdEndpoints?: string[];
  /** Run the connection test at the end (default true). */
  test?: boolean;
}

export function validateUrl(v: string): string | undefined {
  try {
    const u = new URL(v.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Use an http:// or https:// URL';
    if (u.username || u.password) return 'Do not put credentials in the URL: use "etcd: Set Prometheus Token"';
    return undefined;
  } catch {
    return 'Enter a URL such as http://127.0.0.1:9090 or https://thanos-querier.example:9091';
  }
}

export async function configureConnection(services: ExtensionServices, args?: ConnectionArgs): Promise<boolean> {
  const answers = args ?? (await askConnection());
  if (!answers) return false;
  const discover = answers.profile === 'openshift' && !answers.prometheusUrl.trim();
  const urlProblem = discover ? undefined : validateUrl(answers.prometheusUrl);
  if (urlProblem) {
    void vscode.window.showErrorMessage(`etcd: ${urlProblem}`);
    return false;
  }
  await writeSetting('profile', answers.profile ?? 'generic');
  await writeSetting('prometheus.url', answers.prometheusUrl.trim());
  await writeSetting('etcdSelector', answers.etcdSelector?.trim() || undefined);
  await writeSetting('nodeSelector', answers.nodeSelector?.trim() || undefined);
  await writeSetting('etcdEndpoints', answers.etcdEndpoints?.length ? answers.etcdEndpoints : undefined);
  if (answers.profile === 'openshift') await writeSetting('kubeContext', answers.kubeContext || undefined);
  services.log.info(`connection configured: ${answers.profile ?? 'generic'} ${redactUrl(answers.prometheusUrl.trim()) || '(Prometheus URL from the kubeconfig)'}`);
  if (answers.test !== false) await testConnection(services);
  return true;
}

async function askConnection(): Promise<ConnectionArgs | undefined> {
  const s = readSettings();
  const title = 'etcd: Configure Connection';
  const kube = readKubeContexts(s.kubeconfig);
  const detected = kube.current ? await detectOpenShift(s.kubeconfig, s.kubeContext || kube.current) : false;
  const profile = await vscode.window.showQuickPick(
    [
      { label: 'generic', description: 'Any Prometheus scraping etcd (and node-exporter)', picked: s.profile === 'generic' && !detected },
      {
        label: 'openshift',
        description: detected
          ? `OpenShift detected on kubeconfig context ${s.kubeContext || kube.current}`
          : 'OpenShift: Thanos querier in openshift-monitoring + bearer token from the kubeconfig',
        picked: s.profile === 'openshift' || detected,
      },
    ].sort((a, b) => Number(b.picked) - Number(a.picked)),
    { title: `${title} (1/5): profile`, ignoreFocusOut: true },
  );
  if (!profile) return undefined;
  if (profile.label === 'openshift') return askOpenShift(title, kube, s.prometheusUrl);
  const prometheusUrl = await vscode.window.showInputBox({
    title: `${title} (2/5): Prometheus URL`,
    value: s.prometheusUrl || 'http://127.0.0.1:9090',
    prompt: 'Prometheus or Thanos querier base URL (the token is set separately with "etcd: Set Prometheus Token")',
    validateInput: validateUrl,
    ignoreFocusOut: true,
  });
  if (!prometheusUrl) return undefined;
  const etcdSelector = await vscode.window.showInputBox({
    title: `${title} (3/5): etcd series selector`,
    value: s.etcdSelector || DEFAULT_ETCD_SELECTOR,
    prompt: 'PromQL label matchers without braces that select the etcd targets',
    ignoreFocusOut: true,
  });
  if (etcdSelector === undefined) return undefined;
  const nodeSelector = await vscode.window.showInputBox({
    title: `${title} (4/5): node-exporter selector`,
    value: s.nodeSelector || DEFAULT_NODE_SELECTOR,
    prompt: 'PromQL label matchers without braces that select node-exporter targets',
    ignoreFocusOut: true,
  });
  if (nodeSelector === undefined) return undefined;
  const endpoints = await vscode.window.showInputBox({
    title: `${title} (5/5): etcd client endpoints (optional)`,
    value: s.etcdEndpoints.join(','),
    prompt: 'Comma-separated etcd client URLs for cluster status (leader, alarms), e.g. http://127.0.0.1:2379. Leave empty to skip.',
    validateInput: (v) => v.split(',').map((x) => x.trim()).filter(Boolean).map(validateUrl).find(Boolean),
    ignoreFocusOut: true,
  });
  if (endpoints === undefined) return undefined;
  return {
    profile: profile.label as 'generic' | 'openshift',
    prometheusUrl,
    etcdSelector,
    nodeSelector,
    etcdEndpoints: endpoints.split(',').map((x) => x.trim()).filter(Boolean),
  };
}

/** openshift: pick a kubeconfig context; the Prometheus URL is optional (discovered from the Thanos route). */
async function askOpenShift(title: string, kube: KubeContexts, currentUrl: string): Promise<ConnectionArgs | undefined> {
  if (!kube.contexts.length) {
    void vscode.window.showErrorMessage(
      `etcd: no kubeconfig context found${kube.problem ? ` (${kube.problem})` : ''}. Log in with \`oc login\` or set etcdAnalyzer.kubeconfig.`,
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    kube.contexts.map((c) => ({ label: c, description: c === kube.current ? 'current context' : undefined })),
    { title: `${title} (2/3): kubeconfig context`, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const prometheusUrl = await vscode.window.showInputBox({
    title: `${title} (3/3): Prometheus URL (optional)`,
    value: currentUrl,
    prompt: 'Leave empty to discover the Thanos querier route in openshift-monitoring from the kubeconfig',
    validateInput: (v) => (v.trim() ? validateUrl(v) : undefined),
    ignoreFocusOut: true,
  });
  if (prometheusUrl === undefined) return undefined;
  return { profile: 'openshift', kubeContext: picked.label, prometheusUrl: prometheusUrl.trim() };
}
