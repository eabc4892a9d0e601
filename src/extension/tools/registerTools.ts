// Registers every registry analyzer as a language-model tool (contributed in package.json by scripts/gen-contributions.ts).
import * as vscode from 'vscode';
import { analyzers } from '../../core/analyzers/registry';
import type { ExtensionServices } from '../services';
import { analyzerTool } from './toolAdapter';

/** The tag our tools carry in package.json; the chat loop filters vscode.lm.tools by it. */
export const TOOL_TAG = 'etcd-analyzer';

export function registerTools(context: vscode.ExtensionContext, services: ExtensionServices): void {
  for (const analyzer of analyzers) {
    context.subscriptions.push(vscode.lm.registerTool(analyzer.name, analyzerTool(analyzer, services)));
  }
}
