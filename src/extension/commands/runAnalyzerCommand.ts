// "etcd: Run Analyzer…": pick one of the registry's analyzers, run it with progress, show the markdown result.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { AnalyzerResult } from '../../core/types';
import { analyzers } from '../../core/analyzers/registry';
import { renderResultMarkdown } from '../../core/report/markdown';
import { showResultDocument } from './resultDocument';

export interface RunAnalyzerArgs {
  name: string;
  input?: unknown;
}

export async function runAnalyzerCommand(services: ExtensionServices, args?: RunAnalyzerArgs): Promise<AnalyzerResult | undefined> {
  if (!services.isConfigured()) {
    await vscode.commands.executeCommand('etcdAnalyzer.configureConnection');
    if (!services.isConfigured()) return undefined;
  }
  const name = args?.name ?? (await pickAnalyzer());
  if (!name) return undefined;
  const analyzer = analyzers.find((a) => a.name === name);
  if (!analyzer) {
    void vscode.window.showErrorMessage(`etcd: unknown analyzer "${name}". Valid: ${analyzers.map((a) => a.name).join(', ')}`);
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `etcd: ${analyzer.title}…`, cancellable: true },
    (_p, token) => services.runAnalyzer(name, args?.input ?? {}, token),
  );
  await showResultDocument(name, renderResultMarkdown(result, { maxChars: 60_000 }));
  return result;
}

async function pickAnalyzer(): Promise<string | undefined> {
  const pick = await vscode.window.showQuickPick(
    analyzers.map((a) => ({ label: a.title, description: a.name, detail: firstSentence(a.description), name: a.name })),
    { title: 'etcd: Run Analyzer', matchOnDescription: true, matchOnDetail: true },
  );
  return pick?.name;
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?](\s|$)/.exec(text);
  return (m ? m[0] : text).trim().slice(0, 160);
}
