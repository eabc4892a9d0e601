// Secrets live only in SecretStorage (OS keychain / encrypted store), never in settings or logs.
import type * as vscode from 'vscode';

export const SECRET_KEYS = {
  prometheusToken: 'etcdAnalyzer.prometheus.token',
  lmApiKey: 'etcdAnalyzer.lm.apiKey',
} as const;

export type SecretName = keyof typeof SECRET_KEYS;

export async function getSecret(secrets: vscode.SecretStorage, name: SecretName): Promise<string | undefined> {
  const v = await secrets.get(SECRET_KEYS[name]);
  return v ? v : undefined;
}

/** Stores the value, or deletes the secret when the value is empty (how users clear a token). */
export async function setSecret(secrets: vscode.SecretStorage, name: SecretName, value: string): Promise<void> {
  if (value.trim()) await secrets.store(SECRET_KEYS[name], value.trim());
  else await secrets.delete(SECRET_KEYS[name]);
}
