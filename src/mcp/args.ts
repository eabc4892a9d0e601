// `etcd-analyzer mcp` flags: transport options plus the same connection flags as the CLI.
// There is deliberately no flag for a token (it would show in `ps`): use ETCD_ANALYZER_TOKEN(_FILE) / ETCD_ANALYZER_MCP_TOKEN.
import type { ConnectionFlags } from '../core/config/connection';
import { CONNECTION_OPTIONS, connectionFlagsFrom } from '../core/config/connectionFlags';

export interface McpArgs {
  http: boolean;
  host: string;
  port: number;
  mcpTokenFile?: string;
  logLevel?: string;
  thresholdsFile?: string;
  help: boolean;
  connection: ConnectionFlags;
}

export { UsageError } from '../core/util/usageError';
import { UsageError } from '../core/util/usageError';
import { parsePort, parseServerFlags, refuseSecretFlags } from '../core/config/serverFlags';

/** The connection flags' usage lines, shared by the server commands (`mcp`, `serve`). */
export const CONNECTION_USAGE = `Connection (flags win over ETCD_ANALYZER_* variables):
  --prometheus URL       ETCD_ANALYZER_PROMETHEUS_URL
  --token-file FILE      ETCD_ANALYZER_TOKEN_FILE (or ETCD_ANALYZER_TOKEN)
  --ca-file FILE         ETCD_ANALYZER_CA_FILE
  --insecure-skip-tls-verify   ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY=1
  --profile generic|openshift  ETCD_ANALYZER_PROFILE
  --etcd-selector M      ETCD_ANALYZER_ETCD_SELECTOR
  --node-selector M      ETCD_ANALYZER_NODE_SELECTOR
  --etcd-endpoints LIST  ETCD_ANALYZER_ETCD_ENDPOINTS (comma list)
  --history FILE         ETCD_ANALYZER_HISTORY (sqlite file: runs stored, history trends and baselines read)
  --kubeconfig FILE, --kube-context NAME   (openshift profile)
  --max-reply-mb N       ETCD_ANALYZER_MAX_REPLY_MB (largest Prometheus reply read, default 64)
`;

export const MCP_USAGE = `Usage: etcd-analyzer mcp [--http [--port 8001] [--host 127.0.0.1] [--mcp-token-file FILE]] [connection flags]

Serves the 15 etcd analyzer tools over MCP: stdio by default (for editors and agents that spawn it),
Streamable HTTP at http://HOST:PORT/mcp with --http.

Transport:
  --http                 serve Streamable HTTP instead of stdio
  --port N               HTTP port (default 8001; 0 picks a free one)
  --host ADDR            bind address (default 127.0.0.1; a non-loopback address requires a token)
  --mcp-token-file FILE  require "Authorization: Bearer <token>" with the token in FILE
                         (or set ETCD_ANALYZER_MCP_TOKEN)
  --log-level LEVEL      trace|debug|info|warn|error|silent (default info; logs go to stderr)
  --thresholds FILE      JSON with threshold overrides (as for the CLI)

${CONNECTION_USAGE}`;

const SECRET_FLAGS = ['--token', '--mcp-token', '--bearer-token'];

export function parseMcpArgs(argv: string[]): McpArgs {
  refuseSecretFlags(argv, SECRET_FLAGS, '--mcp-token-file / ETCD_ANALYZER_MCP_TOKEN for the HTTP server');
  const values = parseServerFlags(
    argv,
    {
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'mcp-token-file': { type: 'string' },
      'log-level': { type: 'string' },
      thresholds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...CONNECTION_OPTIONS,
    },
    'mcp',
  );
  const port = parsePort(values.port, 8001);
  if (!values.http && (values.port !== undefined || values.host !== undefined || values['mcp-token-file'] !== undefined)) {
    throw new UsageError('--port, --host and --mcp-token-file only apply with --http');
  }
  return {
    http: values.http === true,
    host: values.host?.trim() || '127.0.0.1',
    port,
    mcpTokenFile: values['mcp-token-file'],
    logLevel: values['log-level'],
    thresholdsFile: values.thresholds,
    help: values.help === true,
    connection: connectionFlagsFrom(values),
  };
}
