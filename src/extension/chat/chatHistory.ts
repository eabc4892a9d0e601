// context.history (this participant's earlier turns) → plain prior turns for the model.
import * as vscode from 'vscode';
import type { PriorTurn } from './historyBudget';

export function priorTurns(history: vscode.ChatContext['history']): PriorTurn[] {
  const out: PriorTurn[] = [];
  for (const turn of history) {
    if (turn instanceof vscode.ChatRequestTurn) {
      out.push({ role: 'user', text: `${turn.command ? `/${turn.command} ` : ''}${turn.prompt}` });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response
        .map((p) => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : ''))
        .join('');
      out.push({ role: 'assistant', text });
    }
  }
  return out;
}
