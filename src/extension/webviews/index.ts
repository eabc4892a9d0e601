// Registers the sidebar dashboard, the report panel (+ its serializer) and their commands.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { DASHBOARD_VIEW_ID, DashboardViewProvider } from './dashboardView';
import { REPORT_VIEW_TYPE, ReportPanelManager, type OpenReportArgs } from './reportPanel';
import type { ReportPanelState } from '../../webview-contract/messages';

/** Internal command (test mode only) returning what the views posted and drew; used by test/e2e/webviews.test.ts. */
export const WEBVIEW_TEST_COMMAND = 'etcdAnalyzer._test.webviews';

export interface WebviewsHandle {
  openReport(args?: OpenReportArgs): Promise<void>;
  refreshDashboard(): Promise<unknown>;
}

export function registerWebviews(context: vscode.ExtensionContext, services: ExtensionServices): WebviewsHandle {
  const reports = new ReportPanelManager(services);
  const dashboard = new DashboardViewProvider(services, (range) => void reports.open({ duration: range }));

  context.subscriptions.push(
    reports,
    dashboard,
    vscode.window.registerWebviewViewProvider(DASHBOARD_VIEW_ID, dashboard),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        reports.restore(panel, state as ReportPanelState | undefined);
      },
    }),
    vscode.commands.registerCommand('etcdAnalyzer.openDashboard', async () => {
      // `<viewId>.focus` opens the container and reveals the view (resolving it when needed).
      await vscode.commands.executeCommand(`${DASHBOARD_VIEW_ID}.focus`);
    }),
    vscode.commands.registerCommand('etcdAnalyzer.refreshDashboard', () => dashboard.refresh()),
    vscode.commands.registerCommand('etcdAnalyzer.openReport', (args?: OpenReportArgs) =>
      reports.open(args && typeof args === 'object' ? args : {}),
    ),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(
      vscode.commands.registerCommand(WEBVIEW_TEST_COMMAND, () => ({ dashboard: dashboard.snapshot(), report: reports.snapshot() })),
    );
  }
  return { openReport: (a) => reports.open(a), refreshDashboard: () => dashboard.refresh() };
}
