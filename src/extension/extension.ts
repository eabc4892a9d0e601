// Entry point of the extension host side. Activation only wires things up: no network, no WASM, no history store,
// and no engine: this bundle holds only the registrations; the rest loads on first use (loadEngine.ts).
import * as vscode from 'vscode';
import { createServices, type ServicesHandle } from './createServices';
import { registerCommands } from './commands/registerCommands';
import { registerTools } from './tools/registerTools';
import { registerChatParticipant } from './chat/participant';
import { registerStatusBar } from './statusBar';
import { registerWebviews } from './webviews/index';
import { registerMcpProvider } from './mcpProvider';
import type { ExtensionServices } from './services';
import { engineLoadMs } from './loadEngine';
import type { TranscriptEntry } from './chat/testTranscript';

/** Returned from activate() only in extension test mode: lets e2e tests drive the chat handler with a recording stream. */
export interface TestHooks {
  services: ExtensionServices;
  chatHandler: vscode.ChatRequestHandler;
  /** What @etcd streamed for requests sent through the Chat view. */
  chatTranscript: TranscriptEntry[];
  refreshStatusBar(): Promise<void>;
  statusBarText(): string;
  activationMs: number;
  /** The bundle's evaluation (esbuild banner to footer) + the activate() body; undefined from sources. */
  loadAndActivateMs?: number;
  /** Whether activation loaded the engine bundle (it must not: everything heavy loads on first use). */
  engineLoadedAtActivation: boolean;
}

let handle: ServicesHandle | undefined;

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('etcd Analyzer', { log: true });
  context.subscriptions.push(log);
  handle = createServices(context, log);
  const { services } = handle;

  registerCommands(context, services);
  registerTools(context, services);
  const chat = registerChatParticipant(context, services);
  const statusBar = registerStatusBar(context, services);
  registerWebviews(context, services);
  registerMcpProvider(context, services);

  const activationMs = performance.now() - t0;
  const engineLoadedAtActivation = engineLoadMs() !== undefined;
  const bundle = globalThis as { __etcdAnalyzerBundleStart?: number; __etcdAnalyzerBundleEnd?: number };
  const loadAndActivateMs =
    bundle.__etcdAnalyzerBundleStart === undefined || bundle.__etcdAnalyzerBundleEnd === undefined
      ? undefined
      : bundle.__etcdAnalyzerBundleEnd - bundle.__etcdAnalyzerBundleStart + activationMs;
  log.info(`activated in ${activationMs.toFixed(1)} ms (${context.extensionMode === vscode.ExtensionMode.Test ? 'test mode' : 'normal'})`);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { services, chatHandler: chat.handler, chatTranscript: chat.transcript, refreshStatusBar: statusBar.refresh, statusBarText: statusBar.text, activationMs, loadAndActivateMs, engineLoadedAtActivation };
}

export async function deactivate(): Promise<void> {
  await handle?.dispose();
  handle = undefined;
}
