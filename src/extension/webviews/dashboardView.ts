// The sidebar "Cluster" dashboard (view etcdAnalyzer.dashboard). Refreshes on the configured interval only
// while the view is visible; keeps the last state so a re-created webview gets it back at once on `ready`.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { readSettings } from '../settings';
import { resolveThresholds } from '../../core/analysis/thresholds';
import { buildDashboardState, emptyDashboardState } from '../../core/report/dashboardState';
import {
  parseDashboardMessage,
  type DashboardRange,
  type DashboardState,
  type HostToDashboard,
  type RenderedMessage,
} from '../../webview-contract/messages';
import { renderWebviewHtml, webviewOptions } from './html';
import { runViewAnalyzers } from './analysisRuns';

import { DASHBOARD_VIEW_ID } from './ids';
export { DASHBOARD_VIEW_ID };
const RANGE_KEY = 'etcdAnalyzer.dashboard.range';

export class DashboardViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private viewSubs: vscode.Disposable[] = [];
  private last?: DashboardState;
  private lastRendered?: RenderedMessage;
  private timer?: ReturnType<typeof setInterval>;
  private inflight?: { cts: vscode.CancellationTokenSource; done: Promise<DashboardState> };
  private posts = 0;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly services: ExtensionServices,
    private readonly openReport: (range: DashboardRange) => void,
  ) {
    // New connection settings: the old data is about another cluster, fetch again if someone is looking.
    this.subs.push(services.onDidChangeConnection(() => void (this.view?.visible ? this.refresh() : (this.last = undefined))));
  }

  private get range(): DashboardRange {
    return this.services.extensionContext.workspaceState.get<DashboardRange>(RANGE_KEY, '1h');
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const extensionUri = this.services.extensionContext.extensionUri;
    view.webview.options = webviewOptions(extensionUri);
    view.webview.html = renderWebviewHtml(view.webview, extensionUri, {
      title: 'etcd cluster',
      script: 'dashboard.js',
      styles: ['webview.css', 'dashboard.css'],
    });
    this.viewSubs.push(
      view.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      view.onDidChangeVisibility(() => this.syncTimer()),
      view.onDidDispose(() => this.disposeView()),
    );
    this.syncTimer();
  }

  private onMessage(raw: unknown): void {
    const msg = parseDashboardMessage(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        if (this.last) this.post({ type: 'state', state: this.last });
        // resolveWebviewView's syncTimer may have started a refresh already: its result reaches this webview too.
        if ((!this.last || this.isStale()) && !this.inflight) void this.refresh();
        break;
      case 'refresh':
        void this.refresh();
        break;
      case 'setRange':
        void this.services.extensionContext.workspaceState.update(RANGE_KEY, msg.range).then(() => this.refresh());
        break;
      case 'openReport':
        this.openReport(this.range);
        break;
      case 'configure':
        void vscode.commands.executeCommand('etcdAnalyzer.configureConnection');
        break;
      case 'rendered':
        this.lastRendered = msg;
        break;
    }
  }

  private intervalMs(): number {
    return readSettings().refreshIntervalSeconds * 1000;
  }

  private isStale(): boolean {
    const at = this.last?.lastUpdated ? Date.parse(this.last.lastUpdated) : 0;
    return Date.now() - at >= this.intervalMs();
  }

  /** Auto-refresh runs only while the view is visible; coming back into view refreshes stale data. */
  private syncTimer(): void {
    const visible = !!this.view?.visible;
    if (!visible) {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    if (!this.timer) {
      this.timer = setInterval(() => {
        if (!this.inflight) void this.refresh();
      }, this.intervalMs());
      if (this.last && this.isStale()) void this.refresh();
    }
  }

  private post(msg: HostToDashboard): void {
    if (!this.view) return;
    this.posts++;
    void this.view.webview.postMessage(msg);
  }

  /** Fetches fresh data for the current range and posts it; a newer refresh cancels an older one. */
  refresh(): Promise<DashboardState> {
    this.inflight?.cts.cancel();
    const cts = new vscode.CancellationTokenSource();
    const range = this.range;
    const done = (async (): Promise<DashboardState> => {
      let state: DashboardState;
      if (!this.services.isConfigured()) {
        state = emptyDashboardState(
          range,
          'not_configured',
          'No Prometheus URL is configured.',
          'Run "etcd: Configure Connection" or set etcdAnalyzer.prometheus.url.',
        );
        // A refresh this one superseded may have left the webview in its loading look.
        this.post({ type: 'loading', loading: false });
      } else {
        this.post({ type: 'loading', loading: true });
        try {
          const runs = await runViewAnalyzers(this.services, { duration: range }, cts.token, false);
          if (cts.token.isCancellationRequested) return this.last ?? emptyDashboardState(range, 'no_data');
          state = buildDashboardState({ range, ...runs, thresholds: resolveThresholds(readSettings().thresholds) });
        } catch (err) {
          // runAnalyzer should not throw for data problems; anything else still gets a clear state, not a blank view.
          this.services.log.error(`dashboard refresh failed: ${String(err)}`);
          state = emptyDashboardState(range, 'unreachable', `Refresh failed: ${err instanceof Error ? err.message : String(err)}`, 'Check the connection settings and the "etcd Analyzer" output.');
        } finally {
          // A superseded refresh must not end the loading look while the newer one still runs.
          if (this.inflight?.cts === cts) this.post({ type: 'loading', loading: false });
        }
      }
      this.last = state;
      this.post({ type: 'state', state });
      return state;
    })().finally(() => {
      if (this.inflight?.cts === cts) this.inflight = undefined;
      cts.dispose();
    });
    this.inflight = { cts, done };
    return done;
  }

  /** For e2e tests (test mode only): what the host posted and what the webview reported drawing. */
  snapshot(): { resolved: boolean; visible: boolean; posts: number; state?: DashboardState; rendered?: RenderedMessage } {
    return { resolved: !!this.view, visible: !!this.view?.visible, posts: this.posts, state: this.last, rendered: this.lastRendered };
  }

  private disposeView(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.viewSubs.forEach((d) => d.dispose());
    this.viewSubs = [];
    this.view = undefined;
  }

  dispose(): void {
    this.inflight?.cts.cancel();
    this.disposeView();
    this.subs.forEach((d) => d.dispose());
  }
}
