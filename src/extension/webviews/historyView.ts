// The sidebar "History" view (view etcdAnalyzer.history), beside the Cluster view: the shared history page
// (webview/history) over this editor's history store. The page's logic lives in core (HistoryHost, shared with
// serve's /history); this file wires it to the webview, the settings and workspace state.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';
import { resolveThresholds } from '../../core/analysis/thresholds';
import { analyzerFor } from '../../core/analyzers/registry';
import { redactUrl } from '../../core/util/redact';
import { HistoryHost } from '../../core/report/historyHost';
import type { HistorySpan, HistoryState } from '../../core/report/historyTypes';
import { parseHistoryMessage, type HostToHistory } from '../../webview-contract/messages';
import { renderWebviewHtml, webviewOptions } from './html';
import { HISTORY_VIEW_ID } from './ids';

const MEMORY_KEY = 'etcdAnalyzer.history.view';

export class HistoryViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private viewSubs: vscode.Disposable[] = [];
  private posts = 0;
  private readonly host: HistoryHost;

  constructor(private readonly services: ExtensionServices) {
    const ws = services.extensionContext.workspaceState;
    this.host = new HistoryHost({
      // The analyzer context opens the (lazy) store; nothing is queried until the baseline comparison runs.
      history: async () => (await services.createAnalyzerContext(undefined, true)).history,
      thresholds: () => resolveThresholds(readSettings().thresholds),
      cluster: () => {
        const url = readSettings().prometheusUrl;
        return url ? redactUrl(url) : undefined;
      },
      compare: (input) => services.runAnalyzer(analyzerFor('baseline').name, input, undefined, { record: false }),
      memory: {
        get: () => ws.get<{ days?: HistorySpan; pinned?: number }>(MEMORY_KEY, {}),
        set: (v) => void ws.update(MEMORY_KEY, v),
      },
      log: (line) => services.log.warn(line),
    });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const extensionUri = this.services.extensionContext.extensionUri;
    view.webview.options = webviewOptions(extensionUri);
    view.webview.html = renderWebviewHtml(view.webview, extensionUri, { title: 'etcd history', script: 'history.js', styles: ['webview.css', 'history.css'] });
    this.viewSubs.push(
      view.webview.onDidReceiveMessage((raw) => {
        const msg = parseHistoryMessage(raw);
        if (msg) void this.host.handle(msg, this.post).catch((err) => this.services.log.error(`history view: ${String(err)}`));
      }),
      // Runs recorded while the view was hidden show when it comes back into view.
      view.onDidChangeVisibility(() => {
        if (view.visible) void this.refresh().catch((err) => this.services.log.error(`history view: ${String(err)}`));
      }),
      view.onDidDispose(() => this.disposeView()),
    );
  }

  private readonly post = (msg: HostToHistory): void => {
    if (!this.view) return;
    this.posts++;
    void this.view.webview.postMessage(msg);
  };

  refresh(): Promise<HistoryState> {
    return this.host.refresh(this.post);
  }

  /** For e2e tests (test mode only): what the host posted and what the webview reported drawing. */
  snapshot(): { resolved: boolean; posts: number; state?: HistoryState; rendered?: { charts: number; points: number; status: string } } {
    return { resolved: !!this.view, posts: this.posts, state: this.host.state, rendered: this.host.lastRendered };
  }

  private disposeView(): void {
    this.viewSubs.forEach((d) => d.dispose());
    this.viewSubs = [];
    this.view = undefined;
  }

  dispose(): void {
    this.disposeView();
  }
}
