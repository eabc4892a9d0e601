// What every view does with its host: take typed messages (anything without a string `type` is dropped — the
// browser page and VS Code both deliver through window `message` events), and show a refresh in progress.

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
