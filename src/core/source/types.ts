// What the engine needs from a metrics backend (Prometheus, Thanos querier). Implemented by prometheusSource.ts.
import type { Point, SourceErrorKind } from '../types';

export interface InstantSample {
  labels: Record<string, string>;
  /** null when Prometheus returned NaN or ±Inf. */
  value: number | null;
  /** epoch ms */
  time: number;
}

export interface RangeSeries {
  labels: Record<string, string>;
  points: Point[];
}

export interface QueryOptions {
  signal?: AbortSignal;
  /** Overrides the source's default per-query timeout. */
  timeoutMs?: number;
}

export interface MetricSource {
  /** Human-readable target (URL without credentials). */
  readonly description: string;
  instant(query: string, time?: Date, opts?: QueryOptions): Promise<InstantSample[]>;
  range(query: string, start: Date, end: Date, stepSeconds: number, opts?: QueryOptions): Promise<RangeSeries[]>;
  /** `GET /api/v1/status/buildinfo` or similar; used by health checks. */
  buildInfo?(opts?: QueryOptions): Promise<Record<string, string>>;
  /** Statistics since creation: HTTP requests sent, cache hits, peak concurrency. */
  stats?(): SourceStats;
  /** Releases idle keep-alive connections (optional; idle sockets never keep the process alive). */
  close?(): void;
}

export interface SourceStats {
  httpRequests: number;
  dedupHits: number;
  peakConcurrency: number;
  retries: number;
}

/** Every failure of a source is one of these: typed, carrying the query and a hint for the user. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly query: string,
    readonly hint: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface TlsOptions {
  /** PEM file with the CA bundle to trust. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Explicit opt-in; off by default. */
  insecureSkipVerify?: boolean;
  /** In-memory PEM alternatives to the files (kubeconfig `*-data` fields). */
  caPem?: string;
  certPem?: string;
  keyPem?: string;
}

export interface PrometheusOptions {
  url: string;
  /** Bearer token; never logged. */
  token?: string;
  tls?: TlsOptions;
  timeoutMs?: number; // default 30_000
  retries?: number; // default 2 (so 3 attempts)
  concurrency?: number; // default 8
  /** Extra headers, e.g. X-Scope-OrgID for multi-tenant Thanos/Cortex. */
  headers?: Record<string, string>;
  /** Base delay of the exponential backoff between retries (default 250 ms; tests use less). */
  retryBaseMs?: number;
  /** Cap on a server's Retry-After wait (default 10 s). */
  maxRetryAfterMs?: number;
  /** Largest reply read (after decompression); default 64 MiB. */
  maxReplyBytes?: number;
  log?: import('../util/log').Logger;
}
