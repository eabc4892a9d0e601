// The browser's chat page: a question goes to POST /api/v1/ui/chat and the answer streams back as events — text as
// it comes, each tool call as it starts and ends. Slash commands (/help lists them) answer with no model. Every
// value is put in the page as text (textContent), never as markup.
import { apiFetch, readEvents } from '../browserHost/transport';
import { button, el } from '../shared/dom';
import { blockNode } from '../shared/viewToDom';
import type { AnswerView } from '../../src/core/report/view/types';

interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

const turns: Turn[] = [];
let busy: AbortController | undefined;
let answered = 0;

const log = el('div', { class: 'chat-log', id: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
const input = el('textarea', { id: 'chat-input', 'aria-label': 'Question or slash command' });
input.rows = 2;
input.placeholder = 'Ask about the cluster, or type /help';
const send = button('Send', () => void ask(), { id: 'chat-send' });
const stop = button('Stop', () => busy?.abort(), { class: 'secondary', id: 'chat-stop' });
stop.disabled = true;
const label = el('label', { class: 'visually-hidden' }, 'Question');
label.htmlFor = 'chat-input';

document.body.replaceChildren(
  el('main', { class: 'chat' }, el('h1', null, 'Chat'), log, el('div', { class: 'chat-form' }, label, input, send, stop)),
);
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    void ask();
  }
});

function bubble(role: Turn['role']): HTMLElement {
  const body = el('div', { class: 'chat-text' });
  log.appendChild(el('article', { class: `chat-turn chat-${role}`, 'data-role': role }, el('h2', { class: 'visually-hidden' }, role === 'user' ? 'You' : 'Analyzer'), body));
  return body;
}

async function ask(): Promise<void> {
  const text = input.value.trim();
  if (!text || busy) return;
  input.value = '';
  bubble('user').textContent = text;
  const answer = bubble('assistant');
  const tools = el('ul', { class: 'chat-tools' });
  answer.before(tools);
  const textNode = document.createTextNode('');
  answer.appendChild(textNode);
  let full = '';
  const ctrl = new AbortController();
  busy = ctrl;
  send.disabled = true;
  stop.disabled = false;
  document.body.setAttribute('data-chat', 'busy');
  try {
    const res = await apiFetch('/api/v1/ui/chat', { text, history: turns.slice(-10) }, ctrl.signal);
    if (!res.ok) {
      const body = await res.text();
      let message = body.slice(0, 300);
      try {
        message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON
      }
      textNode.data = res.status === 401 ? 'This server needs a token: open the page as …/chat#token=<token>.' : `The server answered ${res.status}: ${message}`;
      return;
    }
    await readEvents(res, (event, data) => {
      const d = data as Record<string, unknown>;
      if (event === 'text') {
        full += String(d.text ?? '');
        textNode.data = full;
      } else if (event === 'answer') {
        // A slash command's answer: the same view tree the editor's chat renders as markdown, drawn as DOM (text only).
        const view = d.view as AnswerView | undefined;
        if (view && Array.isArray(view.blocks)) answer.appendChild(el('div', { class: 'chat-answer' }, ...view.blocks.map(blockNode)));
        full += `${full ? '\n\n' : ''}${String(d.markdown ?? '')}`;
      } else if (event === 'tool_call') {
        tools.appendChild(el('li', { class: 'chat-tool', 'data-call': String(d.id), 'data-state': 'running' }, `⚙ ${String(d.name)} ${JSON.stringify(d.input ?? {}).slice(0, 200)} …`));
      } else if (event === 'tool_result') {
        const li = [...tools.querySelectorAll<HTMLElement>('li.chat-tool')].find((x) => x.getAttribute('data-call') === String(d.id));
        if (li) {
          li.setAttribute('data-state', d.ok ? 'ok' : 'failed');
          li.textContent = `${d.ok ? '✓' : '✗'} ${String(d.name)}: ${String(d.summary ?? '').slice(0, 300)}`;
        }
      } else if (event === 'error') {
        full += `\n${String(d.message ?? 'The answer failed.')}${d.hint ? `\n${String(d.hint)}` : ''}`;
        textNode.data = full;
      } else if (event === 'done') {
        answer.setAttribute('data-mode', String(d.mode));
      }
    });
    turns.push({ role: 'user', text }, { role: 'assistant', text: full.slice(0, 20_000) });
  } catch (err) {
    textNode.data = ctrl.signal.aborted ? `${full}\n(Stopped.)` : `${full}\nThe request failed: ${String(err)}`;
  } finally {
    busy = undefined;
    send.disabled = false;
    stop.disabled = true;
    answered++;
    document.body.setAttribute('data-chat', 'idle');
    document.body.setAttribute('data-answered', String(answered));
    input.focus();
  }
}
input.focus();
