// The buttons under an @etcd answer. The answer itself stays short (diagnosis, findings, key metrics); every metric
// for every member is one click away in the report panel, opened for the window the answer judged.
import type * as vscode from 'vscode';
import type { ReportWindow } from './reportWindow';

export const OPEN_FULL_REPORT = 'Open full report';

export interface ViewButtons {
  /** Offer the report: an analyzer ran for this answer. */
  report: boolean;
  /** The window it judged; without one the panel uses the configured default window. */
  window?: ReportWindow;
}

/** The command and arguments of each button (the arguments come back to etcdAnalyzer.openReport, which checks them). */
export function viewButtons(o: ViewButtons): vscode.Command[] {
  const out: vscode.Command[] = [];
  if (o.report) {
    out.push({ command: 'etcdAnalyzer.openReport', title: OPEN_FULL_REPORT, arguments: o.window ? [{ start: o.window.start, end: o.window.end }] : [] });
  }
  out.push({ command: 'etcdAnalyzer.openDashboard', title: 'Open Dashboard' });
  return out;
}

export function streamViewButtons(stream: vscode.ChatResponseStream, o: ViewButtons): void {
  for (const b of viewButtons(o)) stream.button(b);
}
