// The model-agnostic tool-calling loop behind free questions (@etcd in the editor, /chat in serve). Pure: the VS Code model
// (src/extension/chat/vscodeLmModel.ts) and the OpenAI-compatible one (openaiModel.ts) are adapters behind LoopModel.

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema?: object;
}

export interface ToolCall {
  id: string;
  name: string;
  /** Parsed arguments, or a string when the model sent arguments that are not valid JSON. */
  input: unknown;
}

export type LoopMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; callId: string; name: string; text: string };

export type ModelEvent = { type: 'text'; text: string } | { type: 'tool_call'; call: ToolCall };

export interface LoopModel {
  /** One model turn. `tools` is empty on the last round so the model has to answer in words. */
  send(instructions: string, messages: LoopMessage[], tools: ToolSpec[], signal?: AbortSignal): AsyncIterable<ModelEvent>;
}

export interface ToolLoopOptions {
  model: LoopModel;
  instructions: string;
  messages: LoopMessage[];
  tools: ToolSpec[];
  /** Runs a tool and returns its text result; may throw (the message goes back to the model). */
  invokeTool(name: string, input: unknown, signal?: AbortSignal): Promise<string>;
  onText(text: string): void;
  onToolCall?(call: ToolCall): void;
  maxRounds?: number;
  signal?: AbortSignal;
}

export interface ToolLoopResult {
  rounds: number;
  toolCalls: { name: string; ok: boolean }[];
  stoppedBy: 'answer' | 'max_rounds' | 'cancelled';
}

export const MAX_ROUNDS = 6;

export async function runToolLoop(o: ToolLoopOptions): Promise<ToolLoopResult> {
  const maxRounds = o.maxRounds ?? MAX_ROUNDS;
  const messages = [...o.messages];
  const out: ToolLoopResult = { rounds: 0, toolCalls: [], stoppedBy: 'answer' };
  const valid = new Set(o.tools.map((t) => t.name));
  for (let round = 1; round <= maxRounds; round++) {
    if (o.signal?.aborted) return { ...out, stoppedBy: 'cancelled' };
    out.rounds = round;
    const lastRound = round === maxRounds;
    let text = '';
    const calls: ToolCall[] = [];
    for await (const ev of o.model.send(o.instructions, messages, lastRound ? [] : o.tools, o.signal)) {
      if (o.signal?.aborted) return { ...out, stoppedBy: 'cancelled' };
      if (ev.type === 'text') {
        text += ev.text;
        o.onText(ev.text);
      } else calls.push(ev.call);
    }
    if (!calls.length) return out;
    if (lastRound) return { ...out, stoppedBy: 'max_rounds' };
    messages.push({ role: 'assistant', text, toolCalls: calls });
    for (const call of calls) {
      if (o.signal?.aborted) return { ...out, stoppedBy: 'cancelled' };
      o.onToolCall?.(call);
      const { text: result, ok } = await callTool(o, valid, call);
      out.toolCalls.push({ name: call.name, ok });
      messages.push({ role: 'tool', callId: call.id, name: call.name, text: result });
    }
  }
  return { ...out, stoppedBy: 'max_rounds' };
}

/** Errors become text for the model: an unknown tool gets the list of valid ones (models loop otherwise). */
async function callTool(o: ToolLoopOptions, valid: Set<string>, call: ToolCall): Promise<{ text: string; ok: boolean }> {
  if (!valid.has(call.name)) {
    return {
      ok: false,
      text: `Error: there is no tool named "${call.name}". Valid tools: ${[...valid].join(', ')}. Call one of these by its exact name.`,
    };
  }
  if (typeof call.input === 'string') {
    return { ok: false, text: `Error: the arguments for ${call.name} were not valid JSON. Send a JSON object matching its input schema.` };
  }
  try {
    return { ok: true, text: await o.invokeTool(call.name, call.input ?? {}, o.signal) };
  } catch (err) {
    return { ok: false, text: `Error from ${call.name}: ${(err as Error)?.message ?? String(err)}` };
  }
}
