// One chat turn of the browser's /chat page, streamed as events: a slash command runs its analyzers with no model
// (the commands come from the registry's `slash` declarations); a free question runs the editor's tool loop against
// the OpenAI-compatible endpoint when one is configured, announcing each tool call as it happens.
import { z } from 'zod';
import { analyzers, getAnalyzer } from '../../core/analyzers/registry';
import { renderResultMarkdown } from '../../core/report/markdown';
import { buildAnswerView } from '../../core/report/view/answerView';
import { answerMarkdown } from '../../core/report/view/toMarkdown';
import type { AnswerView } from '../../core/report/view/types';
import { runToolLoop, type LoopMessage, type LoopModel, type ToolSpec } from '../../core/chat/toolLoop';
import { SLASH_COMMANDS, findSlashCommand } from '../../core/chat/slashCommands';
import { inputFromPrompt } from '../../core/chat/promptInput';
import { modelInstructions } from '../../core/chat/instructions';
import { runTool } from '../runTool';
import type { ServeDeps } from '../deps';
import { readLmConfig, type LmSetting } from './lmConfig';

/** What the page sends: the question and the earlier turns (text only), bounded. */
export const chatRequestSchema = z.object({
  text: z.string().min(1).max(4000),
  history: z
    .array(z.object({ role: z.enum(['user', 'assistant']), text: z.string().max(20_000) }))
    .max(20)
    .optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export type ChatEvent =
  | { type: 'text'; text: string }
  /** An analyzer's answer as the view tree (the page draws it as the editor's chat does), and as markdown for history. */
  | { type: 'answer'; view: AnswerView; markdown: string }
  | { type: 'tool_call'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; id: string; name: string; ok: boolean; summary: string }
  | { type: 'done'; mode: 'slash' | 'model' | 'none'; rounds?: number };

const DEFAULT_DURATION = '1h';

function helpText(): string {
  const lines = SLASH_COMMANDS.map((c) => `/${c.name} — ${c.description}`);
  return `Slash commands answer from the analyzers, with no language model:\n${lines.join('\n')}\n\nFree questions use the configured OpenAI-compatible model and call the same tools.`;
}

async function answerSlash(deps: ServeDeps, command: string, rest: string, emit: (e: ChatEvent) => void, signal: AbortSignal): Promise<void> {
  const c = findSlashCommand(command);
  if (!c) {
    emit({ type: 'text', text: `Unknown command /${command.slice(0, 40)}. ${helpText()}` });
    return;
  }
  if (!c.analyzers.length) {
    emit({ type: 'text', text: helpText() });
    return;
  }
  for (const name of c.analyzers) {
    const a = getAnalyzer(name);
    if (!a) continue;
    const input = inputFromPrompt(rest, Object.keys(a.inputSchema.shape));
    const id = `slash-${name}`;
    emit({ type: 'tool_call', id, name, input });
    const result = await runTool(deps, name, input, { signal, origin: 'request' });
    emit({ type: 'tool_result', id, name, ok: result.status !== 'failed', summary: result.summary });
    const view = buildAnswerView(result);
    emit({ type: 'answer', view, markdown: answerMarkdown(view) });
  }
}

function etcdTools(): ToolSpec[] {
  return analyzers.map((a) => ({ name: a.name, description: a.description, inputSchema: z.toJSONSchema(a.inputSchema) as object }));
}

export interface ChatOptions {
  lm?: LmSetting;
  /** The model to use (tests); default: the OpenAI-compatible endpoint from the environment. */
  model?: LoopModel;
}

export async function answerChat(deps: ServeDeps, req: ChatRequest, emit: (e: ChatEvent) => void, signal: AbortSignal, opts: ChatOptions = {}): Promise<void> {
  const text = req.text.trim();
  const slash = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
  if (slash) {
    await answerSlash(deps, slash[1], slash[2], emit, signal);
    emit({ type: 'done', mode: 'slash' });
    return;
  }
  const lm = opts.lm ?? readLmConfig();
  if (!opts.model && !lm.ok) {
    emit({ type: 'text', text: lm.reason });
    emit({ type: 'done', mode: 'none' });
    return;
  }
  let model = opts.model;
  if (!model && lm.ok) {
    const { openaiModel } = await import('../../core/chat/openaiModel');
    model = openaiModel({ baseURL: lm.config.baseURL, model: lm.config.model, apiKey: lm.config.apiKey });
  }
  const tools = etcdTools();
  const history: LoopMessage[] = (req.history ?? []).map((h) => (h.role === 'user' ? { role: 'user', text: h.text } : { role: 'assistant', text: h.text }));
  let callNo = 0;
  const ids = new Map<string, string>();
  const loop = await runToolLoop({
    model: model as LoopModel,
    instructions: modelInstructions({ profile: deps.engine.options.profile.profile, defaultDuration: DEFAULT_DURATION, toolNames: tools.map((t) => t.name) }),
    messages: [...history, { role: 'user', text }],
    tools,
    signal,
    onText: (t) => emit({ type: 'text', text: t }),
    onToolCall: (call) => {
      const id = `call-${++callNo}`;
      ids.set(call.id, id);
      emit({ type: 'tool_call', id, name: call.name, input: call.input });
    },
    invokeTool: async (name, input, sig) => {
      const result = await runTool(deps, name, input, { signal: sig ?? signal, origin: 'request' });
      emit({ type: 'tool_result', id: `call-${callNo}`, name, ok: result.status !== 'failed', summary: result.summary });
      return renderResultMarkdown(result);
    },
  });
  if (loop.stoppedBy === 'max_rounds') emit({ type: 'text', text: '\n\n(Stopped after the maximum number of tool rounds.)' });
  emit({ type: 'done', mode: 'model', rounds: loop.rounds });
}
