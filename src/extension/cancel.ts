// VS Code cancellation tokens → AbortSignal, so the chat stop button aborts in-flight Prometheus requests.
import type * as vscode from 'vscode';

export function abortSignalFor(token: vscode.CancellationToken | undefined): { signal?: AbortSignal; dispose(): void } {
  if (!token) return { signal: undefined, dispose() {} };
  const ctl = new AbortController();
  if (token.isCancellationRequested) ctl.abort(new Error('cancelled'));
  const sub = token.onCancellationRequested(() => ctl.abort(new Error('cancelled')));
  return { signal: ctl.signal, dispose: () => sub.dispose() };
}
