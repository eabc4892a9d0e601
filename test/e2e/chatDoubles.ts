// Test doubles for driving the @etcd handler inside the extension host: a recording ChatResponseStream, a fake
// ChatRequest, and a scripted LanguageModelChat (not a model: it replays fixed replies and records what it was sent).
import * as vscode from 'vscode';

export interface Recording {
  markdown: string;
  progress: string[];
  buttons: vscode.Command[];
}

export function recordingStream(): { stream: vscode.ChatResponseStream; rec: Recording } {
  const rec: Recording = { markdown: '', progress: [], buttons: [] };
  const stream = {
    markdown: (v: string | vscode.MarkdownString) => void (rec.markdown += typeof v === 'string' ? v : v.value),
    progress: (v: string) => void rec.progress.push(v),
    button: (c: vscode.Command) => void rec.buttons.push(c),
    anchor: () => {},
    reference: () => {},
    filetree: () => {},
    push: () => {},
  };
  return { stream: stream as unknown as vscode.ChatResponseStream, rec };
}

export function chatRequest(prompt: string, command?: string, model?: vscode.LanguageModelChat): vscode.ChatRequest {
  return { prompt, command, references: [], toolReferences: [], toolInvocationToken: undefined, model } as unknown as vscode.ChatRequest;
}

export const emptyContext = { history: [] } as unknown as vscode.ChatContext;

type Reply = (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[];

/** A scripted stand-in for request.model; `sent` keeps every message list it received. */
export function scriptedModel(replies: Reply[]): { model: vscode.LanguageModelChat; sent: vscode.LanguageModelChatMessage[][]; toolsOffered: string[][] } {
  const sent: vscode.LanguageModelChatMessage[][] = [];
  const toolsOffered: string[][] = [];
  let n = 0;
  const model = {
    id: 'scripted', name: 'Scripted test double', vendor: 'e2e', family: 'scripted', version: '1', maxInputTokens: 100_000,
    countTokens: async (t: unknown) => String(t).length / 4,
    sendRequest: async (messages: vscode.LanguageModelChatMessage[], options?: vscode.LanguageModelChatRequestOptions) => {
      sent.push(messages);
      toolsOffered.push((options?.tools ?? []).map((t) => t.name));
      const parts = replies[Math.min(n++, replies.length - 1)];
      return {
        stream: (async function* () { yield* parts; })(),
        text: (async function* () { for (const p of parts) if (p instanceof vscode.LanguageModelTextPart) yield p.value; })(),
      };
    },
  };
  return { model: model as unknown as vscode.LanguageModelChat, sent, toolsOffered };
}

/** Text of every tool result part in a message list. */
export function toolResultTexts(messages: vscode.LanguageModelChatMessage[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    for (const p of m.content) {
      if (p instanceof vscode.LanguageModelToolResultPart) {
        out.push(p.content.map((c) => (c instanceof vscode.LanguageModelTextPart ? c.value : '')).join(''));
      }
    }
  }
  return out;
}
