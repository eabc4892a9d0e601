// Builds the ExtensionServices every feature registration receives. Cheap: no network, no WASM, nothing opened, and
// no engine loaded: creating a context and running an analyzer load the engine bundle on first call (loadEngine.ts).
import * as vscode from 'vscode';
import type { ExtensionServices } from './services';
import { isConfigured, SECTION } from './settings';
import { SECRET_KEYS } from './secrets';
import { lazyHistory } from './history';
import { loadEngine } from './loadEngine';

export interface ServicesHandle {
  services: ExtensionServices;
  dispose(): Promise<void>;
}

export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ServicesHandle {
  const changed = new vscode.EventEmitter<void>();
  const history = lazyHistory(context.globalStorageUri, context.asAbsolutePath('dist'), log);

  const subs = [
    changed,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) changed.fire();
    }),
    context.secrets.onDidChange((e) => {
      if (e.key === SECRET_KEYS.prometheusToken) changed.fire();
    }),
  ];

  // Invalid etcdAnalyzer.thresholds: said once per distinct problem (the valid entries are still used).
  const services: ExtensionServices = {
    extensionContext: context,
    log,
    isConfigured: () => isConfigured(),
    createAnalyzerContext: (signal, withHistory = true) => loadEngine().createAnalyzerContext(context, log, history, signal, withHistory),
    runAnalyzer: (name, input, token, opts) => loadEngine().runAnalyzerWithContext(services, name, input, token, opts),
    thresholdsProblem: (overrides) => loadEngine().thresholdsProblem(overrides),
    onDidChangeConnection: changed.event,
  };

  return {
    services,
    async dispose() {
      for (const d of subs) d.dispose();
      await history.close();
    },
  };
}
