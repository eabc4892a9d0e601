// Registers every registry analyzer as a language-model tool (contributed in package.json by scripts/gen-contributions.ts).
// The names come from the manifest, so activation loads no analyzer: the tool's adapter (toolAdapter.ts, with the
// analyzer's input schema) comes from the engine bundle on the tool's first call.
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { loadEngine } from '../loadEngine';

export { TOOL_TAG } from './toolTag';

export function registerTools(context: vscode.ExtensionContext, services: ExtensionServices): void {
  for (const name of contributedToolNames(context)) {
    context.subscriptions.push(vscode.lm.registerTool(name, lazyTool(name, services)));
  }
}

/** `contributes.languageModelTools[].name` of this extension's manifest (generated from the analyzer registry). */
export function contributedToolNames(context: vscode.ExtensionContext): string[] {
  const tools = (context.extension.packageJSON as { contributes?: { languageModelTools?: { name?: unknown }[] } }).contributes?.languageModelTools ?? [];
  return tools.map((t) => t.name).filter((n): n is string => typeof n === 'string');
}

function lazyTool(name: string, services: ExtensionServices): vscode.LanguageModelTool<unknown> {
  let tool: vscode.LanguageModelTool<unknown> | undefined;
  const get = (): vscode.LanguageModelTool<unknown> => {
    if (tool) return tool;
    const engine = loadEngine();
    const analyzer = engine.getAnalyzer(name);
    if (!analyzer) throw new Error(`${name} is not an analyzer of this version of the etcd analyzer`);
    return (tool = engine.analyzerTool(analyzer, services));
  };
  return {
    prepareInvocation: (options, token) => get().prepareInvocation?.(options, token),
    invoke: (options, token) => get().invoke(options, token),
  };
}
