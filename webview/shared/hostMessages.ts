// What every view does with its host: take typed messages (anything without a string `type` is dropped — the
// browser page and VS Code both deliver through window `message` events), and show a refresh in progress.
import { append, el } from './dom';

export function onHostMessage<T extends { type: string }>(handle: (msg: T) => void): void {
  window.addEventListener('message', (e: MessageEvent) => {
    const msg = e.data as T | undefined;
    if (msg && typeof msg === 'object' && typeof msg.type === 'string') handle(msg);
  });
}

/** Dims the view and turns the Refresh button into a disabled "Refreshing…" while the host works. */
export function showLoading(refreshButton: HTMLButtonElement, loading: boolean): void {
  document.body.classList.toggle('loading', loading);
  refreshButton.disabled = loading;
  refreshButton.textContent = loading ? 'Refreshing…' : 'Refresh';
}

/** What the panel above a view says when the view has nothing to draw (not configured, unreachable, no runs…). */
export interface StateNotice {
  status: string;
  message?: string;
  hint?: string;
}

/** Hides `panel` when the state is `ok`; else shows its title, message, hint and an action (Retry, Configure…). */
export function renderStatePanel(panel: HTMLElement, s: StateNotice, title: string, action?: HTMLElement | null): void {
  panel.replaceChildren();
  panel.hidden = s.status === 'ok';
  if (panel.hidden) return;
  panel.setAttribute('data-state', s.status);
  append(panel, el('h2', null, title), s.message ? el('p', { class: 'state-message' }, s.message) : null, s.hint ? el('p', { class: 'hint' }, s.hint) : null, action ?? null);
}
