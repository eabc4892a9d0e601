// Settings → the ETCD_ANALYZER_* environment the bundled MCP server reads (src/core/config/connection.ts).
// Pure (type-only vscode imports) so it is unit-tested without an editor. Secrets are added at resolve time, not here.
import type { Settings } from './settings';

/**
 * `reportDir`: where the report tool saves (the folder the report command uses, reportFolder.ts). `thresholdsProblem`:
 * the overrides' validator (core/analysis/thresholdsSchema.ts), passed in rather than imported because it brings zod,
 * which belongs to the engine bundle loaded on first use; it is called only when there are overrides.
 */
export function mcpServerEnv(
  s: Settings,
  historyFile: string | undefined,
  reportDir?: string,
  thresholdsProblem: (overrides: unknown) => string | undefined = () => undefined,
): Record<string, string | null> {
  const env: Record<string, string | null> = {
    // Desktop VS Code's process.execPath is Electron: this makes it behave as plain node (harmless elsewhere).
    ELECTRON_RUN_AS_NODE: '1',
    ETCD_ANALYZER_PROFILE: s.profile,
    ETCD_ANALYZER_PROMETHEUS_URL: s.prometheusUrl,
    ETCD_ANALYZER_ETCD_SELECTOR: s.etcdSelector,
    ETCD_ANALYZER_NODE_SELECTOR: s.nodeSelector,
    ETCD_ANALYZER_ETCD_ENDPOINTS: s.etcdEndpoints.join(','),
    ETCD_ANALYZER_CA_FILE: s.tlsCaFile,
    ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY: s.tlsInsecureSkipVerify ? '1' : '',
    ETCD_ANALYZER_HISTORY: historyFile ?? '',
    ETCD_ANALYZER_HISTORY_RETENTION_DAYS: String(s.historyRetentionDays),
    ETCD_ANALYZER_HISTORY_MAX_MB: String(s.historyMaxSizeMB),
    // The etcdAnalyzer.thresholds overrides, so MCP answers grade like the editor's own.
    // Invalid overrides would stop the server at start: the editor warns about them, the server grades by defaults.
    ETCD_ANALYZER_THRESHOLDS: Object.keys(s.thresholds).length && !thresholdsProblem(s.thresholds) ? JSON.stringify(s.thresholds) : '',
    ETCD_ANALYZER_REPORT_DIR: reportDir ?? '',
    ETCD_ANALYZER_KUBE_CONTEXT: s.kubeContext,
    // A token inherited from the editor's own environment must not override (or leak into) this connection.
    ETCD_ANALYZER_TOKEN: null,
    ETCD_ANALYZER_TOKEN_FILE: null,
  };
  // openshift: the server reads the same kubeconfig (its token stays in that file, never in this definition);
  // unset, the editor's own KUBECONFIG is inherited.
  if (s.kubeconfig) env.KUBECONFIG = s.kubeconfig;
  // null removes a variable; empty strings would be read as "unset" anyway, so drop them for a tidy definition.
  for (const [k, v] of Object.entries(env)) if (v === '') env[k] = null;
  return env;
}
