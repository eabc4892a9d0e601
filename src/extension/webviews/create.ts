// The report panel manager and the dashboard provider, created together on the first use of either (engine bundle).
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { DashboardViewProvider } from './dashboardView';
import { ReportPanelManager } from './reportPanel';
import { HistoryViewProvider } from './historyView';

export interface Webviews {
  reports: ReportPanelManager;
  dashboard: DashboardViewProvider;
  history: HistoryViewProvider;
}

export function createWebviews(context: vscode.ExtensionContext, services: ExtensionServices): Webviews {
  const reports = new ReportPanelManager(services);
  const dashboard = new DashboardViewProvider(services, (range) => void reports.open({ duration: range }));
  const history = new HistoryViewProvider(services);
  context.subscriptions.push(reports, dashboard, history);
  return { reports, dashboard, history };
}
