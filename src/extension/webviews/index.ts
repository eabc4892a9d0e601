// Registers the sidebar dashboard, the report panel (+ its serializer) and their commands. The views' implementations
// (webviews/create.ts) come from the engine bundle when a view is first shown or one of these commands first runs.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { OpenReportArgs } from './reportPanel';
import type { Webviews } from './create';
import type { ReportPanelState } from '../../webview-contract/messages';
import { DASHBOARD_VIEW_ID, HISTORY_VIEW_ID, REPORT_VIEW_TYPE } from './ids';
import { loadEngine } from '../loadEngine';

/** Internal command (test mode only) returning what the views posted and drew; used by test/e2e/webviews.test.ts. */
export const WEBVIEW_TEST_COMMAND = 'etcdAnalyzer._test.webviews';

export interface WebviewsHandle {
  openReport(args?: OpenReportArgs): Promise<void>;
  refreshDashboard(): Promise<unknown>;
}

export function registerWebviews(context: vscode.ExtensionContext, services: ExtensionServices): WebviewsHandle {
  let views: Webviews | undefined;
  const get = (): Webviews => (views ??= loadEngine().createWebviews(context, services));

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(DASHBOARD_VIEW_ID, {
      resolveWebviewView: (view) => get().dashboard.resolveWebviewView(view),
    }),
    vscode.window.registerWebviewViewProvider(HISTORY_VIEW_ID, {
      resolveWebviewView: (view) => get().history.resolveWebviewView(view),
    }),
    vscode.commands.registerCommand('etcdAnalyzer.openHistory', async () => {
      await vscode.commands.executeCommand(`${HISTORY_VIEW_ID}.focus`);
    }),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        get().reports.restore(panel, state as ReportPanelState | undefined);
      },
    }),
    vscode.commands.registerCommand('etcdAnalyzer.openDashboard', async () => {
      // `<viewId>.focus` opens the container and reveals the view (resolving it when needed).
      await vscode.commands.executeCommand(`${DASHBOARD_VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand('etcdAnalyzer.refreshDashboard', () => get().dashboard.refresh()),
    // Arguments come back from chat buttons and other extensions: checked before use (webviews/openReportArgs.ts).
    vscode.commands.registerCommand('etcdAnalyzer.openReport', (args?: unknown) => loadEngine().openReportFromCommand(get().reports, args)),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(
      vscode.commands.registerCommand(WEBVIEW_TEST_COMMAND, () => ({ dashboard: get().dashboard.snapshot(), report: get().reports.snapshot(), history: get().history.snapshot() })),
    );
  }
  return { openReport: (a) => get().reports.open(a), refreshDashboard: () => get().dashboard.refresh() };
}
