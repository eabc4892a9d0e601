// TEST DOUBLE (e2e only): a language model provider that follows a script written into the user's question.
// "[tools: a, b]" in the question → one tool call per round (a, then b), then a text answer quoting the last tool
// result. Without a script it answers with a fixed sentence. Every request is recorded in exports.requests.
const vscode = require('vscode');

const requests = [];

function textOf(part) {
  if (typeof part?.value === 'string') return part.value;
  if (Array.isArray(part?.content)) return part.content.map(textOf).join('');
  return '';
}

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.lm.registerLanguageModelChatProvider('etcd-e2e', {
      provideLanguageModelChatInformation: async () => [
        { id: 'scripted', name: 'Scripted test model', family: 'scripted', version: '1', maxInputTokens: 200000, maxOutputTokens: 8000, capabilities: { toolCalling: true } },
      ],
      provideLanguageModelChatResponse: async (_model, messages, options, progress) => {
        const toolResults = [];
        let question = '';
        for (const m of messages) {
          for (const p of m.content) {
            if (p && typeof p.callId === 'string' && Array.isArray(p.content)) toolResults.push(textOf(p));
            else if (typeof p?.value === 'string' && /\[tools:/.test(p.value)) question = p.value;
          }
        }
        requests.push({ tools: (options.tools ?? []).map((t) => t.name), toolResults: toolResults.length });
        const script = /\[tools:\s*([^\]]*)\]/.exec(question)?.[1].split(',').map((s) => s.trim()).filter(Boolean) ?? [];
        const next = script[toolResults.length];
        if (next && (options.tools ?? []).length) {
          progress.report(new vscode.LanguageModelToolCallPart(`call_${toolResults.length + 1}`, next, { duration: '15m' }));
          return;
        }
        const last = toolResults[toolResults.length - 1];
        progress.report(new vscode.LanguageModelTextPart(last ? `Scripted answer from the tool results: ${last.slice(0, 400)}` : 'Scripted answer without tools.'));
      },
      provideTokenCount: async (_m, text) => Math.ceil(String(typeof text === 'string' ? text : JSON.stringify(text)).length / 4),
    }),
  );
  // Ask for the model once from this extension host, as the e2e suite does in its setup: the screenshots type their
  // request into the Chat view with no test code running, and a chat editor asked that way once answered
  // "Language model unavailable". (Kept as a precaution; the Chat view route has not needed it in our runs.)
  void vscode.lm.selectChatModels({ vendor: 'etcd-e2e' }).then(undefined, () => undefined);
  return { requests };
};
