// The browser host: what VS Code gives a webview (acquireVsCodeApi: postMessage, getState, setState), provided in a
// plain page served by `etcd-analyzer serve`. Each message a page posts goes to POST /api/v1/ui/<view>/messages;
// the host's replies stream back as Server-Sent Events on that response and reach the page as `message` events,
// exactly as VS Code delivers them. State lives in sessionStorage. Loaded before the page's own bundle.
import type { WebviewApi } from '../shared/vscodeApi';
import { apiFetch, readEvents } from './transport';
import { mountChrome } from './chrome';

const view = document.querySelector('meta[name="etcd-analyzer-view"]')?.getAttribute('content') ?? 'dashboard';
const stateKey = `etcd-analyzer.state.${view}`;

function deliver(data: unknown): void {
  window.dispatchEvent(new MessageEvent('message', { data }));
}

async function post(message: unknown): Promise<void> {
  // The dashboard's "Open report" is a link in a browser: the report page builds its own report for the same range.
  if (view === 'dashboard' && (message as { type?: string })?.type === 'openReport') {
    const range = (api.getState() as { range?: string } | undefined)?.range ?? '1h';
    location.assign(`/report?duration=${encodeURIComponent(range)}`);
    return;
  }
  const query = view === 'report' ? location.search : '';
  try {
    const res = await apiFetch(`/api/v1/ui/${encodeURIComponent(view)}/messages${query}`, message);
    if (res.status === 204) return;
    if (!res.ok) {
      reportProblem(res.status, await res.text());
      return;
    }
    await readEvents(res, (event, data) => {
      if (event === 'message') deliver(data);
    });
  } catch (err) {
    reportProblem(0, String(err));
  }
}

/** A failed call shows in the page's own loading/error look where the contract has one, and on the console. */
function reportProblem(status: number, text: string): void {
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // not JSON: keep the text
  }
  const line = status === 401 ? 'This server needs a token: open the page as …/#token=<token>.' : `The server answered ${status || 'nothing'}: ${message}`;
  console.warn(`etcd-analyzer: ${line}`);
  if (view === 'report') deliver({ type: 'reportError', message: line });
  document.body.setAttribute('data-host-error', String(status));
}

const api: WebviewApi<unknown, unknown> = {
  postMessage: (m) => void post(m),
  getState: () => {
    try {
      const s = sessionStorage.getItem(stateKey);
      return s ? (JSON.parse(s) as unknown) : undefined;
    } catch {
      return undefined;
    }
  },
  setState: (s) => {
    try {
      sessionStorage.setItem(stateKey, JSON.stringify(s));
    } catch {
      // storage full or off: the page still works, it only forgets on reload
    }
  },
};

(globalThis as { acquireVsCodeApi?: () => WebviewApi<unknown, unknown> }).acquireVsCodeApi = () => api;
document.addEventListener('DOMContentLoaded', () => mountChrome(view));
