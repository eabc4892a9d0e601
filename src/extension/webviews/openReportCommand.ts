// etcdAnalyzer.openReport as a command: its arguments are checked first (openReportArgs.ts), and a bad value is said
// in a message naming it and what to do, instead of opening the panel on something it cannot draw.
import * as vscode from 'vscode';
import type { OpenReportArgs } from './reportPanel';
import { parseOpenReportArgs } from './openReportArgs';

export async function openReportFromCommand(reports: { open(args: OpenReportArgs): Promise<void> }, raw: unknown): Promise<void> {
  const parsed = parseOpenReportArgs(raw);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`etcd: ${parsed.error}. Run "etcd: Open Report" from the Command Palette to open it for the default window.`);
    return;
  }
  return reports.open(parsed.args);
}
