// "etcd: Set Prometheus Token" / "etcd: Set Language Model API Key": stored in SecretStorage, never logged.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { setSecret, type SecretName } from '../secrets';

const PROMPTS: Record<SecretName, { title: string; prompt: string }> = {
  prometheusToken: {
    title: 'etcd: Set Prometheus Token',
    prompt: 'Bearer token for Prometheus/Thanos (e.g. `oc whoami -t`). Leave empty to remove the stored token.',
  },
  lmApiKey: {
    title: 'etcd: Set Language Model API Key',
    prompt: 'API key for the OpenAI-compatible endpoint in etcdAnalyzer.lm.baseUrl. Leave empty to remove it.',
  },
};

/** `value` lets automation set the secret without a prompt. Returns false when the user cancelled. */
export async function setSecretCommand(services: ExtensionServices, name: SecretName, value?: unknown): Promise<boolean> {
  const entered =
    typeof value === 'string'
      ? value
      : await vscode.window.showInputBox({ ...PROMPTS[name], password: true, ignoreFocusOut: true });
  if (entered === undefined) return false;
  await setSecret(services.extensionContext.secrets, name, entered);
  services.log.info(`${PROMPTS[name].title.replace('etcd: Set ', '')} ${entered.trim() ? 'stored' : 'removed'}`);
  return true;
}
