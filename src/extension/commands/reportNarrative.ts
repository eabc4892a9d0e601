// The optional AI analysis of a report: the configured model (the editor's vscode.lm model, or the OpenAI-compatible
// provider) writes a short narrative from the report model's structured data. Cancellable, time- and length-bounded;
// any failure just means no AI section (the deterministic report is complete without it).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { ReportModel } from '../../core/report/modelTypes';
import { buildNarrativePrompt, NARRATIVE_MAX_CHARS } from '../../core/report/narrative';
import { readSettings } from '../settings';
import { getSecret } from '../secrets';
import type { LoopModel } from '../../core/chat/toolLoop';
import { vscodeLmModel } from '../chat/vscodeLmModel';

/** A model that has not answered in this time is skipped: the report must not hang on it. */
export const NARRATIVE_TIMEOUT_MS = 90_000;

const INSTRUCTIONS = 'You write concise, factual etcd performance analyses for operators. Plain text only.';

async function pickModel(services: ExtensionServices, token: vscode.CancellationToken): Promise<{ model: LoopModel; label: string } | undefined> {
  const s = readSettings();
  if (s.lmProvider === 'none') return undefined;
  if (s.lmProvider === 'openai-compatible') {
    if (!s.lmBaseUrl || !s.lmModel) return undefined;
    const apiKey = await getSecret(services.extensionContext.secrets, 'lmApiKey');
    const { openaiModel } = await import('../../core/chat/openaiModel');
    return { model: openaiModel({ baseURL: s.lmBaseUrl, model: s.lmModel, apiKey, timeoutMs: NARRATIVE_TIMEOUT_MS }), label: s.lmModel };
  }
  const [m] = await vscode.lm.selectChatModels();
  if (!m || token.isCancellationRequested) return undefined;
  return { model: vscodeLmModel(m, token), label: m.name || `${m.vendor}/${m.id}` };
}

/** The narrative text and the model's name, or undefined (no model, cancelled, failed, timed out, or empty answer). */
export async function writeReportNarrative(
  services: ExtensionServices,
  model: ReportModel,
  token: vscode.CancellationToken,
): Promise<{ text: string; model: string } | undefined> {
  // One cancellation for the user's cancel and the time bound: the vscode.lm adapter listens to the token, the
  // OpenAI one to the signal, and the race below stops waiting even for a model that never sends anything.
  const cts = new vscode.CancellationTokenSource();
  const ctl = new AbortController();
  const stop = (why: string) => {
    if (!ctl.signal.aborted) ctl.abort(new Error(why));
    cts.cancel();
  };
  const timer = setTimeout(() => stop('timed out'), NARRATIVE_TIMEOUT_MS);
  const sub = token.onCancellationRequested(() => stop('cancelled'));
  const stopped = new Promise<void>((resolve) => ctl.signal.addEventListener('abort', () => resolve(), { once: true }));
  let label = 'language model';
  const t0 = Date.now();
  let text = '';
  try {
    const picked = await pickModel(services, cts.token);
    if (!picked) return undefined;
    label = picked.label;
    const consume = async () => {
      for await (const ev of picked.model.send(INSTRUCTIONS, [{ role: 'user', text: buildNarrativePrompt(model) }], [], ctl.signal)) {
        if (ctl.signal.aborted) break;
        if (ev.type === 'text') text += ev.text;
        if (text.length >= NARRATIVE_MAX_CHARS) break;
      }
    };
    const run = consume();
    run.catch(() => undefined); // after a timeout nobody awaits it any more: no unhandled rejection
    await Promise.race([run, stopped]);
    if (ctl.signal.aborted) {
      services.log.info(`report narrative: ${label} stopped (${String((ctl.signal.reason as Error | undefined)?.message ?? 'aborted')})`);
      return undefined;
    }
    services.log.info(`report narrative: ${label} wrote ${text.length} chars in ${Date.now() - t0} ms`);
    return text.trim() ? { text: text.slice(0, NARRATIVE_MAX_CHARS), model: label } : undefined;
  } catch (err) {
    services.log.warn(`report narrative: ${label} failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  } finally {
    clearTimeout(timer);
    sub.dispose();
    cts.dispose();
  }
}
