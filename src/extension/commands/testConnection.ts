// "etcd: Test Connection": runs the connection check (targets per member, versions) and reports it.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { AnalyzerResult } from '../../core/types';
import { renderResultMarkdown } from '../../core/report/markdown';
import { showResultDocument } from './resultDocument';
import { analyzerFor } from '../../core/analyzers/registry';

export async function testConnection(services: ExtensionServices): Promise<AnalyzerResult | undefined> {
  if (!services.isConfigured()) {
    const pick = await vscode.window.showWarningMessage('etcd: no Prometheus URL is configured yet.', 'Configure Connection');
    if (pick) await vscode.commands.executeCommand('etcdAnalyzer.configureConnection');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'etcd: testing connection…', cancellable: true },
    (_p, token) => services.runAnalyzer(analyzerFor('connection_check').name, {}, token),
  );
  const details = 'Show Details';
  const show = result.status === 'ok'
    ? vscode.window.showInformationMessage(`etcd: ${result.summary}`, details)
    : vscode.window.showWarningMessage(`etcd: connection ${result.status}: ${result.summary}`, details);
  // Do not block the command on the notification: tests and the wizard only need the result.
  void show.then(async (pick) => {
    if (pick === details) await showResultDocument('server-health', renderResultMarkdown(result));
  });
  return result;
}
