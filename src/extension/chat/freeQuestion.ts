// Free questions: the tool-calling loop with the chat view's model or the OpenAI-compatible endpoint.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { z } from 'zod';
import { analyzers } from '../../core/analyzers/registry';
import { readSettings } from '../settings';
import { getSecret } from '../secrets';
import { abortSignalFor } from '../cancel';
import { TOOL_TAG } from '../tools/toolTag';
import { describeInvocation } from '../tools/describeInvocation';
import { runToolLoop, type LoopModel, type ToolSpec } from '../../core/chat/toolLoop';
import { vscodeLmModel } from './vscodeLmModel';
import { buildHistoryMessages } from './historyBudget';
import { priorTurns } from './chatHistory';
import { modelInstructions } from '../../core/chat/instructions';
import { answerByKeywords } from './keywordAnswer';
import { streamViewButtons } from './viewButtons';
import { spanOf, toolCallWindow, type ReportWindow } from './reportWindow';

export async function answerFreeQuestion(
  services: ExtensionServices,
  request: vscode.ChatRequest,
  context: vscode.ChatContext,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const s = readSettings();
  const picked = await pickModel(services, request, token);
  if ('reason' in picked) return answerByKeywords(services, picked.reason, request.prompt, stream, token);

  const tools = etcdTools();
  const abort = abortSignalFor(token);
  // What the answer's tool calls read, so its "Open full report" button opens that window.
  let ran = false;
  const windows: ReportWindow[] = [];
  try {
    const loop = await runToolLoop({
      model: picked.model,
      instructions: modelInstructions({ profile: s.profile, defaultDuration: s.defaultDuration, toolNames: tools.map((t) => t.name) }),
      messages: [...buildHistoryMessages(priorTurns(context.history)), { role: 'user', text: request.prompt }],
      tools,
      signal: abort.signal,
      onText: (t) => stream.markdown(t),
      onToolCall: (c) => stream.progress(describeInvocation(c.name, c.name, c.input, s.defaultDuration)),
      invokeTool: async (name, input) => {
        const at = new Date();
        const r = await vscode.lm.invokeTool(name, { input: input as object, toolInvocationToken: request.toolInvocationToken }, token);
        ran = true;
        const w = toolCallWindow(name, input, s.defaultDuration, at);
        if (w) windows.push(w);
        return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
      },
    });
    services.log.info(`chat: ${picked.label} answered in ${loop.rounds} rounds, tools ${loop.toolCalls.map((c) => `${c.name}${c.ok ? '' : '(error)'}`).join(', ') || 'none'}`);
    if (loop.stoppedBy === 'cancelled') stream.markdown('\n\n_Cancelled: in-flight Prometheus queries were stopped._\n');
    else {
      if (loop.stoppedBy === 'max_rounds') stream.markdown('\n\n_Stopped after the maximum number of tool rounds._\n');
      streamViewButtons(stream, { report: ran, window: spanOf(windows) });
    }
    return { metadata: { mode: picked.label, rounds: loop.rounds, toolCalls: loop.toolCalls, stoppedBy: loop.stoppedBy } };
  } catch (err) {
    if (token.isCancellationRequested) {
      stream.markdown('\n\n_Cancelled._\n');
      return { metadata: { mode: picked.label, stoppedBy: 'cancelled' } };
    }
    const message = err instanceof Error ? err.message : String(err);
    services.log.error(`chat: language model ${picked.label} failed: ${message}`);
    // The analyzers do not need the model: still answer.
    return answerByKeywords(services, `The language model failed (${message}).`, request.prompt, stream, token);
  } finally {
    abort.dispose();
  }
}

type Picked = { model: LoopModel; label: string } | { reason: string };

async function pickModel(services: ExtensionServices, request: vscode.ChatRequest, token: vscode.CancellationToken): Promise<Picked> {
  const s = readSettings();
  if (s.lmProvider === 'none') return { reason: 'No language model is used (`etcdAnalyzer.lm.provider` is `none`).' };
  if (s.lmProvider === 'openai-compatible') {
    if (!s.lmBaseUrl || !s.lmModel) {
      return { reason: 'The OpenAI-compatible provider needs `etcdAnalyzer.lm.baseUrl` and `etcdAnalyzer.lm.model`; neither can be empty.' };
    }
    const apiKey = await getSecret(services.extensionContext.secrets, 'lmApiKey');
    // Loaded on first use: the openai package is not needed at activation.
    const { openaiModel } = await import('../../core/chat/openaiModel');
    return { model: openaiModel({ baseURL: s.lmBaseUrl, model: s.lmModel, apiKey }), label: `openai-compatible ${s.lmModel}` };
  }
  if (!request.model) return { reason: 'No language model is available in this editor.' };
  return { model: vscodeLmModel(request.model, token), label: `${request.model.vendor}/${request.model.id}` };
}

/** Our tools as VS Code lists them (tag filter); the registry is the fallback when the host lists none. */
function etcdTools(): ToolSpec[] {
  const listed = vscode.lm.tools.filter((t) => t.tags.includes(TOOL_TAG));
  if (listed.length) return listed.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
  return analyzers.map((a) => ({ name: a.name, description: a.description, inputSchema: z.toJSONSchema(a.inputSchema) as object }));
}
