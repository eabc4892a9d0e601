// The report panel (etcdAnalyzer.report): one panel, reused. Opened by etcdAnalyzer.openReport (palette, chat
// buttons, the dashboard) and restored after a window reload by the serializer (state kept by the webview).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { AnalyzerResult } from '../../core/types';
import { readSettings } from '../settings';
import { resolveThresholds } from '../../core/analysis/thresholds';
import { buildReportModel } from '../../core/report/model';
import type { ReportModel } from '../../core/report/modelTypes';
import {
  parseReportMessage,
  type HostToReport,
  type RenderedMessage,
  type ReportPanelState,
} from '../../webview-contract/messages';
import { renderWebviewHtml, webviewOptions } from './html';
import { runViewAnalyzers, type WindowRequest } from './analysisRuns';

import { REPORT_VIEW_TYPE } from './ids';
export { REPORT_VIEW_TYPE };

/** Arguments of etcdAnalyzer.openReport (all optional; checked by openReportArgs.ts when they come through the command). */
export interface OpenReportArgs extends WindowRequest {
  /** Results already computed (e.g. by a chat turn): rendered without querying again. */
  results?: AnalyzerResult[];
  /** A finished model (e.g. from "Generate Performance Report"). */
  model?: ReportModel;
  title?: string;
}

export class ReportPanelManager implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private panelSubs: vscode.Disposable[] = [];
  private model?: ReportModel;
  private loading?: vscode.CancellationTokenSource;
  private lastRendered?: RenderedMessage;
  private posts = 0;

  constructor(private readonly services: ExtensionServices) {}

  private get extensionUri(): vscode.Uri {
    return this.services.extensionContext.extensionUri;
  }

  /** Shows the panel (creating it when needed) and fills it from args, or by running the analyzers. */
  async open(args: OpenReportArgs = {}): Promise<void> {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'etcd Report', vscode.ViewColumn.Active, {
        ...webviewOptions(this.extensionUri),
        // State is restored from setState/getState and a re-post on `ready`, so the context need not be kept alive.
        retainContextWhenHidden: false,
      });
      this.attach(panel);
    } else {
      this.panel.reveal();
    }
    if (args.model) return this.show(args.model);
    if (args.results?.length) return this.show(this.toModel(args.results, args.title));
    if (!this.services.isConfigured()) {
      this.post({ type: 'reportError', message: 'No Prometheus URL is configured.', hint: 'Run "etcd: Configure Connection", then open the report again.' });
      return;
    }
    await this.load({ duration: args.duration, start: args.start, end: args.end });
  }

  /** Serializer path: a panel VS Code re-created after a reload, with what the webview saved. */
  restore(panel: vscode.WebviewPanel, state: ReportPanelState | undefined): void {
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
    // The webview shows its saved model at once; the charts' lines were not saved, so the same window runs again.
    if (state?.request?.start && state.request.end) {
      // A restore re-reads a window already analysed: do not record it in history a second time.
      void this.load({ start: state.request.start, end: state.request.end }, false);
    } else {
      void this.load({}, false);
    }
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.disposePanel();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'etcd.svg');
    panel.webview.html = renderWebviewHtml(panel.webview, this.extensionUri, {
      title: 'etcd Report',
      script: 'report.js',
      styles: ['webview.css', 'report.css'],
    });
    this.panelSubs.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      panel.onDidDispose(() => {
        this.loading?.cancel();
        this.disposePanel(false);
      }),
    );
  }

  private onMessage(raw: unknown): void {
    const msg = parseReportMessage(raw);
    if (!msg) return;
    if (msg.type === 'ready') {
      if (this.model) this.post({ type: 'report', model: this.model });
      else if (this.loading) this.post({ type: 'reportLoading', message: 'Collecting metrics…' });
    } else if (msg.type === 'rendered') {
      this.lastRendered = msg;
    }
  }

  private toModel(results: AnalyzerResult[], title?: string): ReportModel {
    const s = readSettings();
    return buildReportModel(results, { title, cluster: s.prometheusUrl || undefined, profile: s.profile, thresholds: resolveThresholds(s.thresholds) });
  }

  private async load(w: WindowRequest, record = true): Promise<void> {
    this.loading?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.loading = cts;
    this.post({ type: 'reportLoading', message: `Collecting metrics for ${w.duration ?? (w.start ? 'the saved window' : readSettings().defaultDuration)}…` });
    try {
      const runs = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'etcd: building report' },
        () => runViewAnalyzers(this.services, w, cts.token, record),
      );
      if (cts.token.isCancellationRequested) return;
      this.show(this.toModel([runs.deep, ...(runs.status ? [runs.status] : [])]));
    } catch (err) {
      this.services.log.error(`report failed: ${String(err)}`);
      this.post({ type: 'reportError', message: `The report could not be built: ${err instanceof Error ? err.message : String(err)}`, hint: 'See the "etcd Analyzer" output for details.' });
    } finally {
      if (this.loading === cts) this.loading = undefined;
      cts.dispose();
    }
  }

  private show(model: ReportModel): void {
    this.model = model;
    if (this.panel) this.panel.title = `etcd Report · ${model.meta.range.duration || 'custom range'}`;
    this.post({ type: 'report', model });
  }

  private post(msg: HostToReport): void {
    if (!this.panel) return;
    this.posts++;
    void this.panel.webview.postMessage(msg);
  }

  /** For e2e tests (test mode only). */
  snapshot(): { open: boolean; visible: boolean; posts: number; model?: ReportModel; rendered?: RenderedMessage } {
    return { open: !!this.panel, visible: !!this.panel?.visible, posts: this.posts, model: this.model, rendered: this.lastRendered };
  }

  private disposePanel(disposeWebview = true): void {
    this.panelSubs.forEach((d) => d.dispose());
    this.panelSubs = [];
    if (disposeWebview) this.panel?.dispose();
    this.panel = undefined;
    this.model = undefined;
    this.lastRendered = undefined;
  }

  dispose(): void {
    this.loading?.cancel();
    this.disposePanel();
  }
}
