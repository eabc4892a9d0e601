// `etcd-analyzer serve` flags: the listener, the periodic analysis, plus the same connection flags as the CLI and
// `etcd-analyzer mcp`. No flag carries a secret (it would show in `ps`): the server's own token comes from
// ETCD_ANALYZER_SERVE_TOKEN or --serve-token-file, Prometheus's from ETCD_ANALYZER_TOKEN(_FILE) / --token-file.
import type { ConnectionFlags } from '../core/config/connection';
import { CONNECTION_OPTIONS, connectionFlagsFrom } from '../core/config/connectionFlags';
import { parseAnalysisDuration, parseDuration } from '../core/util/duration';
import { UsageError } from '../core/util/usageError';
import { parsePort, parseServerFlags, refuseSecretFlags } from '../core/config/serverFlags';
import { CONNECTION_USAGE } from '../mcp/args';

export { UsageError };

export interface ServeArgs {
  host: string;
  port: number;
  serveTokenFile?: string;
  /** Host names accepted in Host/Origin besides loopback and the bind address (a Service name in a cluster). */
  allowHosts: string[];
  /** Periodic analysis interval in seconds (`--every 5m`); undefined = off. */
  everySeconds?: number;
  /** The window each periodic analysis reads (default 15m, or --every when longer). */
  window?: string;
  shutdownGraceSeconds: number;
  logLevel?: string;
  thresholdsFile?: string;
  help: boolean;
  connection: ConnectionFlags;
}

export const DEFAULT_SERVE_PORT = 8080;
/** Shortest --every: a diagnosis sends dozens of queries; more often than this only loads Prometheus. */
export const MIN_EVERY_SECONDS = 30;

export const SERVE_USAGE = `Usage: etcd-analyzer serve [--port 8080] [--host 127.0.0.1] [--every 5m] [connection flags]

Serves the analyzers over HTTP: the REST API under /api/v1 (OpenAPI document at /api/v1/openapi.json),
/metrics (the latest diagnosis as Prometheus metrics), /healthz, and the browser pages.

Server:
  --port N               port (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)
  --host ADDR            bind address (default 127.0.0.1; a non-loopback address requires a token)
  --serve-token-file FILE  require "Authorization: Bearer <token>" with the token in FILE
                         (or set ETCD_ANALYZER_SERVE_TOKEN); /healthz stays open for probes
  --allow-host LIST      host names (comma list) accepted in Host/Origin besides loopback and the bind
                         address, e.g. the Service name in a cluster (requires a token)
  --every DURATION       run the diagnosis every DURATION (e.g. 5m; at least 30s) for /metrics
  --window DURATION      the window each periodic diagnosis reads (default 15m, 5m..7d)
  --shutdown-grace SECONDS  how long SIGTERM waits for running requests (default 60)
  --log-level LEVEL      trace|debug|info|warn|error|silent (default info; logs go to stderr)
  --thresholds FILE      JSON with threshold overrides (as for the CLI)

${CONNECTION_USAGE}
In a pod, --profile openshift uses the service account (token, CA, KUBERNETES_SERVICE_HOST) when no kubeconfig
is named (docs/serve.md, deploy/).
`;

const SECRET_FLAGS = ['--token', '--serve-token', '--bearer-token', '--password'];

export function parseServeArgs(argv: string[]): ServeArgs {
  refuseSecretFlags(argv, SECRET_FLAGS, '--serve-token-file / ETCD_ANALYZER_SERVE_TOKEN for this server');
  const values = parseServerFlags(
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'serve-token-file': { type: 'string' },
      'allow-host': { type: 'string' },
      every: { type: 'string' },
      window: { type: 'string' },
      'shutdown-grace': { type: 'string' },
      'log-level': { type: 'string' },
      thresholds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...CONNECTION_OPTIONS,
    },
    'serve',
  );
  const port = parsePort(values.port, DEFAULT_SERVE_PORT);
  let everySeconds: number | undefined;
  if (values.every !== undefined) {
    try {
      everySeconds = parseDuration(values.every);
    } catch (err) {
      throw new UsageError(`--every: ${(err as Error).message}`);
    }
    if (everySeconds < MIN_EVERY_SECONDS) throw new UsageError(`--every ${values.every.slice(0, 20)} is too often: use ${MIN_EVERY_SECONDS}s or more (e.g. 5m)`);
  }
  if (values.window !== undefined && values.every === undefined) throw new UsageError('--window only applies with --every');
  if (values.window !== undefined) {
    try {
      parseAnalysisDuration(values.window);
    } catch (err) {
      throw new UsageError(`--window: ${(err as Error).message}`);
    }
  }
  const grace = values['shutdown-grace'] === undefined ? 60 : Number(values['shutdown-grace']);
  if (!Number.isFinite(grace) || grace < 0 || grace > 3600) throw new UsageError('--shutdown-grace must be a number of seconds, 0..3600');
  return {
    host: values.host?.trim() || '127.0.0.1',
    port,
    serveTokenFile: values['serve-token-file'],
    allowHosts: parseHostList(values['allow-host']),
    everySeconds,
    window: values.window,
    shutdownGraceSeconds: grace,
    logLevel: values['log-level'],
    thresholdsFile: values.thresholds,
    help: values.help === true,
    connection: connectionFlagsFrom(values),
  };
}

function parseHostList(text: string | undefined): string[] {
  if (text === undefined) return [];
  const names = text.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const n of names) {
    if (!/^[a-z0-9.-]{1,253}$/.test(n) && !/^\[[0-9a-f:.]+\]$/.test(n)) throw new UsageError(`--allow-host "${n.slice(0, 60)}" is not a host name (letters, digits, dots, dashes; IPv6 in brackets)`);
  }
  return names;
}
