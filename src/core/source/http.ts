// One HTTP attempt against the Prometheus API: keep-alive agent, auth header, per-attempt timeout merged with
// the caller's signal. Classifies the outcome; retrying is the caller's job (prometheusSource.ts).
import type * as http from 'node:http';
import type { TlsOptions } from './types';
import { SourceError } from './types';
import { createAgent, loadTls } from './tls';
import { cancelledError, isRetryableNetworkError, networkError, timeoutError } from './errors';
import { boundedFetch, DEFAULT_MAX_REPLY_BYTES, RedirectRefused, ReplyCutOff, ReplyTooLarge } from './boundedFetch';
import { redactUrl } from '../util/redact';

/** Connection-level failures that are worth another attempt (refused, reset...). */
const retryableErrors = new WeakSet<object>();
export function isRetryableFailure(err: unknown): boolean {
  return typeof err === 'object' && err !== null && retryableErrors.has(err);
}

export interface HttpResponse {
  status: number;
  text: string;
  retryAfter: string | null;
}

export interface HttpTransport {
  /** The base URL without credentials, for messages. */
  readonly target: string;
  send(method: 'GET' | 'POST', path: string, form: Record<string, string> | undefined, query: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpResponse>;
  close(): void;
}

export interface TransportOptions {
  url: string;
  token?: string;
  tls?: TlsOptions;
  headers?: Record<string, string>;
  maxSockets: number;
  /** Reply cap after decompression (default 64 MiB). */
  maxReplyBytes?: number;
}

/** Strips user:password from the URL (sent as Basic auth instead) and any trailing slash. */
function splitUrl(raw: string): { base: URL; basicAuth?: string } {
  const base = new URL(raw.trim());
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError('Invalid URL protocol');
  let basicAuth: string | undefined;
  if (base.username || base.password) {
    basicAuth = Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64');
    base.username = '';
    base.password = '';
  }
  base.search = '';
  base.hash = '';
  return { base, basicAuth };
}

/**
 * A Prometheus on this machine is asked for plain answers: gzip there costs the server and this process CPU on the
 * same cores and saves nothing on loopback (a week-long chart answer: 0.7 MB, 5–7 ms each way per 170 KB). Over a
 * network the answers stay compressed.
 */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Base URL (possibly with a path prefix such as /prometheus) + API path. */
function urlFor(base: URL, path: string): string {
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`;
}

export function createHttpTransport(opts: TransportOptions): HttpTransport {
  let setupError: SourceError | undefined;
  let base: URL | undefined;
  let agent: http.Agent | undefined;
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'etcd-performance-analyzer', ...(opts.headers ?? {}) };
  let target = redactUrl(opts.url.trim());
  try {
    const split = splitUrl(opts.url);
    base = split.base;
    target = base.toString().replace(/\/$/, '');
    if (split.basicAuth) headers.Authorization = `Basic ${split.basicAuth}`;
    if (opts.token) headers.Authorization = `Bearer ${opts.token.trim()}`;
    agent = createAgent(base, loadTls(opts.tls), opts.maxSockets);
    // Still decompressed when a server compresses unasked (compress: true below).
    if (isLoopback(base.hostname) && !Object.keys(headers).some((k) => k.toLowerCase() === 'accept-encoding')) headers['Accept-Encoding'] = 'identity';
  } catch (e) {
    setupError =
      e instanceof SourceError
        ? e
        : new SourceError('bad_input', `"${target.slice(0, 200)}" is not a valid Prometheus URL`, target, 'set the Prometheus URL, e.g. http://127.0.0.1:9090 or https://thanos-querier.example');
  }

  return {
    target,
    async send(method, path, form, query, timeoutMs, signal) {
      if (setupError) throw new SourceError(setupError.kind, setupError.message, query, setupError.hint);
      if (signal?.aborted) throw cancelledError(query);
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(new Error('timeout')), timeoutMs);
      const merged = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      try {
        const res = await boundedFetch(
          urlFor(base!, path),
          {
            method,
            headers: form ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers,
            body: form ? new URLSearchParams(form).toString() : undefined,
            agent,
            signal: merged,
            compress: true,
          },
          opts.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
        );
        return { status: res.status, text: res.text, retryAfter: res.header('retry-after') };
      } catch (e) {
        if (signal?.aborted) throw cancelledError(query);
        if (timeout.signal.aborted) throw timeoutError(query, timeoutMs);
        if (e instanceof RedirectRefused) {
          throw new SourceError('unreachable', `${target} ${e.message}`, query, `set the Prometheus URL to the address that answers the API itself (not a login page or proxy), e.g. ${e.location || 'the final URL'}; with a login proxy in front, use a bearer token (--token-file)`, e.status);
        }
        if (e instanceof ReplyCutOff) {
          // Worth another attempt, like a reset connection: a proxy or Prometheus restarting mid-answer.
          const cut = new SourceError('bad_response', `${target}: ${e.message}`, query, 'Prometheus or a proxy closed the connection mid-answer: retry; if it keeps happening check proxy timeouts and Prometheus logs');
          retryableErrors.add(cut);
          throw cut;
        }
        if (e instanceof ReplyTooLarge) {
          throw new SourceError('bad_response', `${target}: ${e.message}`, query, 'shorten the window or narrow the selectors (fewer series), or raise the cap (--max-reply-mb / ETCD_ANALYZER_MAX_REPLY_MB)');
        }
        const err = networkError(e, query, target);
        if (isRetryableNetworkError(e)) retryableErrors.add(err);
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      agent?.destroy();
    },
  };
}
