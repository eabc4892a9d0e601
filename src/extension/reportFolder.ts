// Where reports are saved, one rule for the report command, the report tool (LM tools, chat) and the MCP server
// the editor starts: setting etcdAnalyzer.report.folder (absolute, or relative to the first workspace folder)
// → <workspace>/etcd-reports.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SECTION } from './settings';

export const DEFAULT_REPORT_FOLDER = 'etcd-reports';

/** The configured folder, or undefined when there is no file workspace and the setting is not absolute. */
export function resolveReportFolder(): string | undefined {
  const setting = String(vscode.workspace.getConfiguration(SECTION).get('report.folder') ?? '').trim();
  if (setting && path.isAbsolute(setting)) return setting;
  const ws = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return ws ? path.join(ws.uri.fsPath, setting || DEFAULT_REPORT_FOLDER) : undefined;
}

/** For callers that cannot ask (tools, the MCP server): the configured folder, else the extension's storage. */
export function toolReportFolder(context: vscode.ExtensionContext): string {
  return resolveReportFolder() ?? path.join(context.globalStorageUri.fsPath, 'reports');
}
