// Offers the bundled MCP server (dist/mcp-server.js) to VS Code's MCP support, run with the user's connection:
// settings as ETCD_ANALYZER_* variables, the Prometheus token from SecretStorage added only when the server starts
// (resolveMcpServerDefinition), never on the command line. The list refreshes when settings or the token change.
import * as vscode from 'vscode';
import type { ExtensionServices } from './services';
import { isConfigured, readSettings } from './settings';
import { getSecret } from './secrets';
import { mcpServerEnv } from './mcpEnv';
import { toolReportFolder } from './reportFolder';

export const MCP_PROVIDER_ID = 'etcdAnalyzer.mcp';
export const MCP_SERVER_LABEL = 'etcd Performance Analyzer';

/**
 * The stdio definition for the current settings (no secrets). `thresholdsProblem` validates threshold overrides; it is
 * called only when there are some (it loads the engine, and the editor asks for definitions at start-up).
 */
export function buildMcpServerDefinition(context: vscode.ExtensionContext, thresholdsProblem?: (overrides: unknown) => string | undefined): vscode.McpStdioServerDefinition {
  const s = readSettings();
  // The extension's own history file (history.ts): the store locks between processes, so runs made through MCP and
  // through chat/commands land in one history and trends/baselines see both.
  const historyFile = s.historyEnabled ? vscode.Uri.joinPath(context.globalStorageUri, 'history.sqlite').fsPath : undefined;
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  return new vscode.McpStdioServerDefinition(
    MCP_SERVER_LABEL,
    process.execPath,
    [context.asAbsolutePath('dist/mcp-server.js')],
    mcpServerEnv(s, historyFile, toolReportFolder(context), thresholdsProblem),
    version,
  );
}

export interface McpProviderHandle extends vscode.Disposable {
  readonly provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition>;
}

/** The provider itself, separate from registration so the e2e test can drive provide/resolve directly. */
export function createMcpProvider(context: vscode.ExtensionContext, services: ExtensionServices): McpProviderHandle {
  const changed = new vscode.EventEmitter<void>();
  const sub = services.onDidChangeConnection(() => changed.fire());
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    onDidChangeMcpServerDefinitions: changed.event,
    // Called eagerly by the editor: no UI, no secrets, no network here.
    provideMcpServerDefinitions: () => [buildMcpServerDefinition(context, (t) => services.thresholdsProblem(t))],
    resolveMcpServerDefinition: async (server) => {
      if (!isConfigured()) {
        void vscode.window
          .showWarningMessage('The etcd analyzer MCP server needs a Prometheus URL (setting etcdAnalyzer.prometheus.url).', 'Configure Connection')
          .then((pick) => pick && vscode.commands.executeCommand('etcdAnalyzer.configureConnection'));
        return undefined; // cancels the start
      }
      // The history file's folder may not exist yet if nothing else has run.
      if (readSettings().historyEnabled) await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      const token = await getSecret(context.secrets, 'prometheusToken');
      if (token) server.env = { ...server.env, ETCD_ANALYZER_TOKEN: token };
      services.log.info(`starting the MCP server (${token ? 'with' : 'without'} a Prometheus token)`);
      return server;
    },
  };
  return {
    provider,
    dispose() {
      sub.dispose();
      changed.dispose();
    },
  };
}

export function registerMcpProvider(context: vscode.ExtensionContext, services: ExtensionServices): void {
  const handle = createMcpProvider(context, services);
  context.subscriptions.push(handle, vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, handle.provider));
}
