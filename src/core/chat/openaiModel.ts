// LoopModel over any OpenAI-compatible chat completions endpoint (Ollama, vLLM, hosted APIs) via the `openai`
// package. Pure (no vscode import): unit-tested against a scripted local server.
import OpenAI from 'openai';
import type { LoopMessage, LoopModel, ToolSpec } from './toolLoop';

export interface OpenAiModelOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

export function openaiModel(o: OpenAiModelOptions): LoopModel {
  // Local servers (Ollama) accept any key; the client insists on a non-empty one.
  const client = new OpenAI({ baseURL: o.baseURL, apiKey: o.apiKey || 'none', timeout: o.timeoutMs ?? 120_000, maxRetries: 1 });
  return {
    async *send(instructions, messages, tools, signal) {
      const res = await client.chat.completions.create(
        {
          model: o.model,
          messages: toOpenAiMessages(instructions, messages),
          ...(tools.length ? { tools: tools.map(toOpenAiTool), tool_choice: 'auto' as const } : {}),
        },
        { signal },
      );
      const msg = res.choices[0]?.message;
      if (msg?.content) yield { type: 'text', text: msg.content };
      for (const tc of msg?.tool_calls ?? []) {
        if (tc.type !== 'function') continue;
        yield { type: 'tool_call', call: { id: tc.id, name: tc.function.name, input: parseArgs(tc.function.arguments) } };
      }
    },
  };
}

function toOpenAiTool(t: ToolSpec): OpenAI.Chat.Completions.ChatCompletionTool {
  return {
    type: 'function',
    function: { name: t.name, description: t.description, parameters: (t.inputSchema ?? { type: 'object', properties: {} }) as Record<string, unknown> },
  };
}

function toOpenAiMessages(instructions: string, messages: LoopMessage[]): OpenAI.Chat.Completions.ChatCompletionMessageParam[] {
  const out: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'system', content: instructions }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.text });
    else if (m.role === 'tool') out.push({ role: 'tool', tool_call_id: m.callId, content: m.text });
    else {
      out.push({
        role: 'assistant',
        content: m.text || null,
        ...(m.toolCalls?.length
          ? {
              tool_calls: m.toolCalls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: typeof c.input === 'string' ? c.input : JSON.stringify(c.input ?? {}) },
              })),
            }
          : {}),
      });
    }
  }
  return out;
}

/** Unparseable arguments stay a string; the loop tells the model to resend valid JSON. */
function parseArgs(text: string): unknown {
  if (!text?.trim()) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : text;
  } catch {
    return text;
  }
}
