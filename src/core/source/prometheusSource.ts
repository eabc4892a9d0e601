// MetricSource over the Prometheus HTTP API (also Thanos querier): POST form queries, bounded concurrency,
// retries with backoff, and de-duplication of identical requests for the lifetime of the source (one run).
import type { InstantSample, MetricSource, PrometheusOptions, QueryOptions, RangeSeries, SourceStats } from './types';
import { SourceError } from './types';
import { createHttpTransport, isRetryableFailure, type HttpResponse } from './http';
import { createLimiter } from './limiter';
import { backoffDelay, parseRetryAfter, sleep } from './retry';
import { ParseError, parseBuildInfo, parseEnvelope, parseInstantData, parseRangeData } from './parse';
import { badResponse, cancelledError, httpError, redact, RETRYABLE_STATUS } from './errors';
import { silentLogger } from '../util/log';
import { tagWarnings } from './promWarnings';

const DEFAULTS = { timeoutMs: 30_000, retries: 2, concurrency: 8, retryBaseMs: 250, maxRetryAfterMs: 10_000 };

type Endpoint = 'query' | 'query_range' | 'status/buildinfo';

interface Shared {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export interface PrometheusSource extends MetricSource {
  stats(): SourceStats;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export function createPrometheusSource(opts: PrometheusOptions): PrometheusSource {
  const log = opts.log ?? silentLogger;
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = Math.max(0, opts.retries ?? DEFAULTS.retries);
  const retryBaseMs = opts.retryBaseMs ?? DEFAULTS.retryBaseMs;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULTS.concurrency);
  const limiter = createLimiter(concurrency);
  const http = createHttpTransport({ url: opts.url, token: opts.token, tls: opts.tls, headers: opts.headers, maxSockets: concurrency, maxReplyBytes: opts.maxReplyBytes });
  const secrets = [opts.token, ...Object.values(opts.headers ?? {}), ...urlUserinfo(opts.url)];
  const cache = new Map<string, Shared>();
  const CACHE_LIMIT = 500;
  const envelopes = new WeakMap<object, { warnings?: unknown; infos?: unknown }>();
  const counters = { httpRequests: 0, dedupHits: 0, retries: 0 };

  /** Sends one request with retries; each attempt holds a concurrency slot, backoff waits do not. */
  async function execute(endpoint: Endpoint, form: Record<string, string> | undefined, query: string, attemptTimeoutMs: number, signal: AbortSignal): Promise<unknown> {
    const path = `/api/v1/${endpoint}`;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse | undefined;
      let failure: unknown;
      const release = await limiter.acquire(signal).catch(() => {
        throw cancelledError(query);
      });
      const t0 = Date.now();
      try {
        counters.httpRequests++;
        res = await http.send(form ? 'POST' : 'GET', path, form, query, attemptTimeoutMs, signal);
      } catch (e) {
        failure = e;
      } finally {
        release();
      }
      const ms = Date.now() - t0;
      const retryable = failure ? isRetryableFailure(failure) : RETRYABLE_STATUS.has(res!.status);
      if (retryable && attempt <= retries && !signal.aborted) {
        counters.retries++;
        const hinted = res ? parseRetryAfter(res.retryAfter) : undefined;
        const wait = hinted !== undefined ? Math.min(hinted, maxRetryAfterMs) : backoffDelay(attempt, retryBaseMs);
        log.debug(`prometheus ${endpoint} attempt ${attempt} ${failure ? (failure as SourceError).kind : `HTTP ${res!.status}`} after ${ms} ms; retrying in ${wait} ms: ${query}`);
        await sleep(wait, signal).catch(() => {
          throw cancelledError(query);
        });
        continue;
      }
      if (failure) {
        const e = failure as SourceError;
        log.debug(`prometheus ${endpoint} failed (${e.kind}) after ${ms} ms: ${query}`);
        throw e;
      }
      log.debug(`prometheus ${endpoint} HTTP ${res!.status} ${ms} ms${attempt > 1 ? ` (attempt ${attempt})` : ''}: ${query}`);
      return interpret(res!, query, attempt);
    }
  }

  function interpret(res: HttpResponse, query: string, attempts: number): unknown {
    let env;
    try {
      env = parseEnvelope(res.text);
    } catch (e) {
      if (res.status >= 400) throw httpError(res.status, undefined, query, http.target, !!opts.token, attempts);
      throw badResponse(`malformed answer from ${http.target}: ${(e as Error).message}`, query, http.target);
    }
    if (env.status === 'error' || res.status >= 400) {
      const text = env.error ? redact(String(env.error), secrets) : undefined;
      if (env.errorType === 'timeout') {
        throw new SourceError('timeout', `Prometheus timed out evaluating the query: ${text ?? ''}`.trim(), query, 'shorten the analysed duration or raise Prometheus --query.timeout', res.status);
      }
      const status = res.status >= 400 ? res.status : env.errorType === 'bad_data' ? 400 : 422;
      throw httpError(status, text, query, http.target, !!opts.token, attempts);
    }
    // The warnings travel with the data object to every waiter (each parses its own copy).
    if ((env.warnings || (env as { infos?: unknown }).infos) && env.data && typeof env.data === 'object') envelopes.set(env.data as object, env);
    return env.data;
  }

  /** De-duplicates: identical requests share one HTTP exchange; a caller's abort only detaches that caller. */
  async function shared<T>(endpoint: Endpoint, form: Record<string, string> | undefined, query: string, qopts: QueryOptions | undefined, parse: (data: unknown) => T): Promise<T> {
    const key = `${endpoint}?${new URLSearchParams(form ?? {}).toString()}`;
    const signal = qopts?.signal;
    if (signal?.aborted) throw cancelledError(query);
    let entry = cache.get(key);
    if (entry) {
      counters.dedupHits++;
    } else {
      const controller = new AbortController();
      const e: Shared = { controller, waiters: 0, settled: false, promise: Promise.resolve() };
      e.promise = execute(endpoint, form, query, qopts?.timeoutMs ?? timeoutMs, controller.signal).then(
        (data) => {
          e.settled = true;
          return data;
        },
        (err) => {
          e.settled = true;
          // Failures are not cached: a later identical query may succeed.
          if (cache.get(key) === e) cache.delete(key);
          throw err;
        },
      );
      entry = e;
      // A long-lived source (the MCP server shares one) must not grow without bound: drop settled answers first.
      if (cache.size >= CACHE_LIMIT) for (const [k, v] of cache) if (v.settled) cache.delete(k);
      cache.set(key, e);
    }
    const current = entry;
    current.waiters++;
    const data = await new Promise<unknown>((resolve, reject) => {
      const onAbort = () => {
        current.waiters--;
        if (current.waiters === 0 && !current.settled) {
          current.controller.abort();
          if (cache.get(key) === current) cache.delete(key);
        }
        reject(cancelledError(query));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      current.promise.then(
        (d) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(d);
        },
        (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
    try {
      return tagWarnings(parse(data), envelopes.get(data as object) ?? {});
    } catch (e) {
      if (e instanceof ParseError) throw badResponse(`unexpected answer shape from ${http.target}: ${e.message}`, query, http.target);
      throw e;
    }
  }

  const seconds = (d: Date) => (d.getTime() / 1000).toFixed(3).replace(/\.?0+$/, '');

  return {
    description: `Prometheus ${http.target}`,
    instant(query, time, qopts) {
      const form: Record<string, string> = { query };
      if (time) form.time = seconds(time);
      return shared('query', form, query, qopts, parseInstantData);
    },
    range(query, start, end, stepSeconds, qopts) {
      const form = { query, start: seconds(start), end: seconds(end), step: String(stepSeconds) };
      return shared('query_range', form, query, qopts, parseRangeData);
    },
    buildInfo(qopts) {
      return shared('status/buildinfo', undefined, '/api/v1/status/buildinfo', qopts, parseBuildInfo);
    },
    stats: () => ({ ...counters, peakConcurrency: limiter.peak }),
    close: () => http.close(),
  };
}

/** The user name and password typed into the URL, so an echo of either in a server's error text is redacted. */
function urlUserinfo(url: string): string[] {
  try {
    const u = new URL(url);
    return [u.username, u.password].map((s) => decodeURIComponent(s)).filter((s) => s.length >= 4);
  } catch {
    return [];
  }
}

export type { InstantSample, RangeSeries };
