// `etcd-analyzer --help`.
import { analyzerFor } from '../core/analyzers/registry';

export const CLI_USAGE = `etcd-analyzer — find out why an etcd cluster is slow, from its Prometheus metrics.

Usage:
  etcd-analyzer list                         the analyzers (tools) and what they return
  etcd-analyzer run <tool> [window] [flags]  run one analyzer, e.g. run ${analyzerFor('diagnosis').name}
  etcd-analyzer report [--out PATH] [flags]  the full report: PATH.html / PATH.md / PATH.json, or a directory for all three
  etcd-analyzer mcp [--http] [flags]         serve the tools over MCP (etcd-analyzer mcp --help)
  etcd-analyzer serve [--port 8080] [flags]  REST API, browser pages and /metrics (etcd-analyzer serve --help)

Window (default --duration 1h):
  --duration D        how far back: 5m .. 7d (15m, 1h, 6h, 1d, 1h30m)
  --start T --end T   an explicit window (ISO 8601 or epoch seconds) instead of --duration
  --member NAME       only this member (as named in results: m1, etcd-master-0)

Output:
  --format F          summary (default for run: the diagnosis, findings with what to do, key metrics),
                      table (the same answer, then every metric for every member), markdown (default for report),
                      json (the AnalyzerResult, see README)
  --fail-on LEVEL     exit 1 when a finding is at or above warning|critical
  --debug             log queries to stderr and show stack traces

Connection (flags win over the ETCD_ANALYZER_* environment variables):
  --prometheus URL               ETCD_ANALYZER_PROMETHEUS_URL
  --token-file FILE              ETCD_ANALYZER_TOKEN_FILE or ETCD_ANALYZER_TOKEN (never a flag: it would show in ps)
  --ca-file FILE                 ETCD_ANALYZER_CA_FILE
  --insecure-skip-tls-verify     ETCD_ANALYZER_INSECURE_SKIP_TLS_VERIFY=1 (test systems only)
  --profile generic|openshift    ETCD_ANALYZER_PROFILE
  --etcd-selector M              ETCD_ANALYZER_ETCD_SELECTOR (default job=~".*etcd.*")
  --node-selector M              ETCD_ANALYZER_NODE_SELECTOR
  --etcd-endpoints a,b           ETCD_ANALYZER_ETCD_ENDPOINTS (etcd client URLs, for cluster status and alarms)
  --history FILE                 ETCD_ANALYZER_HISTORY (records runs; needed by history trends and baselines)
  --max-reply-mb N               ETCD_ANALYZER_MAX_REPLY_MB (largest Prometheus reply read, after decompression; default 64)
  --thresholds FILE              JSON with threshold overrides (see README)
  --kubeconfig FILE --kube-context NAME   openshift profile

Exit codes: 0 ok · 1 findings at or above --fail-on · 2 usage error · 3 Prometheus unreachable, unauthorized,
or no etcd targets match the selector · 4 internal error · 5 with --fail-on, nothing could be judged (no finite data: fails closed).
`;
