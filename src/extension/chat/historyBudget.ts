// Prior chat turns for the model, newest kept first, within a character budget. Pure, unit-tested.
import type { LoopMessage } from '../../core/chat/toolLoop';

export interface PriorTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** ~4 characters per token: 12k chars ≈ 3k tokens of history, enough for follow-up questions. */
export const DEFAULT_HISTORY_CHARS = 12_000;

export function buildHistoryMessages(turns: readonly PriorTurn[], budgetChars = DEFAULT_HISTORY_CHARS): LoopMessage[] {
  const kept: LoopMessage[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i];
    const text = t.text.trim();
    if (!text) continue;
    // A long turn (a full report) is shortened rather than dropping everything before it.
    const room = budgetChars - used;
    if (room < 200) break;
    const clipped = text.length > room ? `${text.slice(0, room - 20)}… (shortened)` : text;
    used += clipped.length;
    kept.push(t.role === 'user' ? { role: 'user', text: clipped } : { role: 'assistant', text: clipped });
  }
  return kept.reverse();
}
