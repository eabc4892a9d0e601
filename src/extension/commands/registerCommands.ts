// Palette commands (category "etcd"). Open Dashboard / Open Report are registered with the webviews that own them.
// The commands that need the engine (connection test, analyzers, reports, kubeconfig contexts) load it when run.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { ConnectionArgs } from './configureConnection';
import type { RunAnalyzerArgs } from './runAnalyzerCommand';
import type { GenerateReportArgs } from './generateReport';
import { setSecretCommand } from './setSecrets';
import { registerResultDocuments } from './resultDocument';
import { loadEngine } from '../loadEngine';

export function registerCommands(context: vscode.ExtensionContext, services: ExtensionServices): void {
  registerResultDocuments(context);
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg('etcdAnalyzer.configureConnection', (args?: ConnectionArgs) => loadEngine().configureConnection(services, args));
  reg('etcdAnalyzer.testConnection', () => loadEngine().testConnection(services));
  reg('etcdAnalyzer.setPrometheusToken', (value?: string) => setSecretCommand(services, 'prometheusToken', value));
  reg('etcdAnalyzer.setLmApiKey', (value?: string) => setSecretCommand(services, 'lmApiKey', value));
  reg('etcdAnalyzer.runAnalyzer', (args?: RunAnalyzerArgs) => loadEngine().runAnalyzerCommand(services, args));
  reg('etcdAnalyzer.generateReport', (args?: GenerateReportArgs) =>
    loadEngine().generateReportCommand(services, args && typeof args === 'object' ? args : {}),
  );
}
