// Typed access to the webview API VS Code injects. Outside VS Code (standalone report file, test harness without
// a stub) a no-op stand-in keeps the same code working.
export interface WebviewApi<TOut, TState> {
  postMessage(message: TOut): void;
  getState(): TState | undefined;
  setState(state: TState): void;
}

declare global {
  // Provided by VS Code inside webviews; callable once per page.
  function acquireVsCodeApi<TOut = unknown, TState = unknown>(): WebviewApi<TOut, TState>;
}

let api: WebviewApi<unknown, unknown> | undefined;

export function getVsCodeApi<TOut, TState>(): WebviewApi<TOut, TState> {
  if (!api) {
    api =
      typeof acquireVsCodeApi === 'function'
        ? acquireVsCodeApi()
        : { postMessage() {}, getState: () => undefined, setState() {} };
  }
  return api as WebviewApi<TOut, TState>;
}
