// Builds the AnalyzerContext every face uses: one place that wires source, profile, collector and thresholds.
import type { AnalyzerContext } from './analyzers/types';
import type { ProfileConfig } from './profiles/types';
import type { TlsOptions } from './source/types';
import type { HistoryPort } from './history/port';
import type { ClusterApi } from './source/clusterApiTypes';
import type { ClusterStatusProvider } from './source/clusterStatusTypes';
import { resolveThresholds } from './analysis/thresholds';
import { createPrometheusSource } from './source/prometheusSource';
import { createProfile } from './profiles';
import { createCollector } from './collect/collector';
import { createEtcdGatewayStatus } from './source/etcdGateway';
import { silentLogger, type Logger } from './util/log';

export interface EngineOptions {
  profile: ProfileConfig;
  /** Prometheus bearer token (from SecretStorage, a token file or the environment; never from settings). */
  token?: string;
  tls?: TlsOptions;
  /** TLS for the etcd client endpoints (client certificates). */
  etcdTls?: TlsOptions;
  timeoutMs?: number;
  concurrency?: number;
  /** Largest Prometheus reply read (after decompression); default 64 MiB. */
  maxReplyBytes?: number;
  thresholds?: unknown;
  log?: Logger;
  history?: HistoryPort;
  clusterApi?: ClusterApi;
  /** Overrides the etcd-gateway provider (OpenShift: etcdctl via pod exec, set by prepareEngineOptions). */
  clusterStatus?: ClusterStatusProvider;
  signal?: AbortSignal;
  now?: () => Date;
}

export function createContext(opts: EngineOptions): AnalyzerContext {
  const log = opts.log ?? silentLogger;
  const profile = createProfile(opts.profile);
  const source = createPrometheusSource({
    url: opts.profile.prometheusUrl,
    token: opts.token,
    tls: opts.tls,
    timeoutMs: opts.timeoutMs,
    concurrency: opts.concurrency,
    maxReplyBytes: opts.maxReplyBytes,
    log,
  });
  const endpoints = opts.profile.etcdEndpoints ?? [];
  return {
    source,
    profile,
    thresholds: resolveThresholds(opts.thresholds),
    collector: createCollector(source, profile, log),
    clusterStatus: opts.clusterStatus ?? (endpoints.length ? createEtcdGatewayStatus(endpoints, opts.etcdTls) : undefined),
    clusterApi: opts.clusterApi,
    history: opts.history,
    now: opts.now ?? (() => new Date()),
    signal: opts.signal,
    log,
  };
}
