// Palette commands (category "etcd"). Open Dashboard / Open Report are registered with the webviews that own them.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { configureConnection, type ConnectionArgs } from './configureConnection';
import { testConnection } from './testConnection';
import { setSecretCommand } from './setSecrets';
import { runAnalyzerCommand, type RunAnalyzerArgs } from './runAnalyzerCommand';
import { registerResultDocuments } from './resultDocument';
import { generateReportCommand, type GenerateReportArgs } from './generateReport';

export function registerCommands(context: vscode.ExtensionContext, services: ExtensionServices): void {
  registerResultDocuments(context);
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg('etcdAnalyzer.configureConnection', (args?: ConnectionArgs) => configureConnection(services, args));
  reg('etcdAnalyzer.testConnection', () => testConnection(services));
  reg('etcdAnalyzer.setPrometheusToken', (value?: string) => setSecretCommand(services, 'prometheusToken', value));
  reg('etcdAnalyzer.setLmApiKey', (value?: string) => setSecretCommand(services, 'lmApiKey', value));
  reg('etcdAnalyzer.runAnalyzer', (args?: RunAnalyzerArgs) => runAnalyzerCommand(services, args));
  reg('etcdAnalyzer.generateReport', (args?: GenerateReportArgs) => generateReportCommand(services, args && typeof args === 'object' ? args : {}));
}
