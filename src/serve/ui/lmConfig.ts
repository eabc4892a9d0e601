// The chat page's language model: any OpenAI-compatible endpoint, configured by environment only (the API key from
// the environment or a file, never a flag, never logged). Unset: slash commands still answer; free questions say
// how to configure a model.
import { readFileSync } from 'node:fs';

export const LM_ENV = {
  baseUrl: 'ETCD_ANALYZER_LM_BASE_URL',
  model: 'ETCD_ANALYZER_LM_MODEL',
  apiKey: 'ETCD_ANALYZER_LM_API_KEY',
  apiKeyFile: 'ETCD_ANALYZER_LM_API_KEY_FILE',
} as const;

export interface LmConfig {
  baseURL: string;
  model: string;
  apiKey?: string;
}

export type LmSetting = { ok: true; config: LmConfig } | { ok: false; reason: string };

export function readLmConfig(env: NodeJS.ProcessEnv = process.env): LmSetting {
  const baseURL = env[LM_ENV.baseUrl]?.trim() ?? '';
  const model = env[LM_ENV.model]?.trim() ?? '';
  if (!baseURL && !model) return { ok: false, reason: `No language model is configured: set ${LM_ENV.baseUrl} and ${LM_ENV.model} (an OpenAI-compatible endpoint) to ask free questions. Slash commands (/help) answer without one.` };
  if (!baseURL || !model) return { ok: false, reason: `The language model needs both ${LM_ENV.baseUrl} and ${LM_ENV.model}; one is empty.` };
  try {
    const u = new URL(baseURL);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    return { ok: false, reason: `${LM_ENV.baseUrl} is not an http(s) URL.` };
  }
  let apiKey = env[LM_ENV.apiKey]?.trim() || undefined;
  const file = env[LM_ENV.apiKeyFile]?.trim();
  if (!apiKey && file) {
    try {
      apiKey = readFileSync(file, 'utf8').trim() || undefined;
    } catch (err) {
      return { ok: false, reason: `${LM_ENV.apiKeyFile} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions.` };
    }
  }
  return { ok: true, config: { baseURL, model, apiKey } };
}
