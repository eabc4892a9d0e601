// LoopModel over a vscode.LanguageModelChat (the model picked in the chat view).
import * as vscode from 'vscode';
import type { LoopMessage, LoopModel, ModelEvent, ToolSpec } from '../../core/chat/toolLoop';

export function vscodeLmModel(model: vscode.LanguageModelChat, token: vscode.CancellationToken): LoopModel {
  return {
    async *send(instructions, messages, tools) {
      const request = toVscodeMessages(instructions, messages);
      const response = await model.sendRequest(
        request,
        {
          justification: 'The etcd analyzer uses the model to pick analyzers and explain their results.',
          tools: tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
          toolMode: tools.length ? vscode.LanguageModelChatToolMode.Auto : undefined,
        },
        token,
      );
      for await (const part of response.stream) {
        const ev = toEvent(part);
        if (ev) yield ev;
      }
    },
  };
}

function toEvent(part: unknown): ModelEvent | undefined {
  if (part instanceof vscode.LanguageModelTextPart) return { type: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) {
    return { type: 'tool_call', call: { id: part.callId, name: part.name, input: part.input } };
  }
  return undefined;
}

/** Instructions go first as a User message (no system role in the stable API); tool results are User messages. */
function toVscodeMessages(instructions: string, messages: LoopMessage[]): vscode.LanguageModelChatMessage[] {
  const out = [vscode.LanguageModelChatMessage.User(instructions)];
  let pendingResults: vscode.LanguageModelToolResultPart[] = [];
  const flush = () => {
    if (pendingResults.length) out.push(vscode.LanguageModelChatMessage.User(pendingResults));
    pendingResults = [];
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      pendingResults.push(new vscode.LanguageModelToolResultPart(m.callId, [new vscode.LanguageModelTextPart(m.text)]));
      continue;
    }
    flush();
    if (m.role === 'user') out.push(vscode.LanguageModelChatMessage.User(m.text));
    else {
      const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] = [];
      if (m.text) parts.push(new vscode.LanguageModelTextPart(m.text));
      for (const c of m.toolCalls ?? []) parts.push(new vscode.LanguageModelToolCallPart(c.id, c.name, asObject(c.input)));
      out.push(vscode.LanguageModelChatMessage.Assistant(parts));
    }
  }
  flush();
  return out;
}

function asObject(v: unknown): object {
  return v && typeof v === 'object' ? v : {};
}

export type { ToolSpec };
