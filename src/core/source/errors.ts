// Builds the typed SourceError for each way a Prometheus request can fail, with a hint saying what to do.
import { SourceError } from './types';
import { redactSecrets } from '../util/redact';

export const TOKEN_HINT = 'set the Prometheus token (etcd: Set Prometheus Token / --token-file / ETCD_ANALYZER_TOKEN_FILE)';
export const TLS_HINT =
  "the server's TLS certificate is not trusted: point the CA option at its CA bundle (caFile / --ca-file / ETCD_ANALYZER_CA_FILE), " +
  'or — only for a test system — opt in to skipping verification (--insecure-skip-tls-verify)';

/** Node/OpenSSL error codes meaning "TLS verification failed". */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Connection-level failures worth retrying (the server may be restarting or a proxy hiccuped). */
const RETRYABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code ?? e?.errno;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryableNetworkError(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && RETRYABLE_NET_CODES.has(code);
}

/** `https://` against a plain-HTTP port: OpenSSL reads the HTTP answer as a TLS record ("wrong version number"). */
export function isPlainHttpAnswer(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long|http request/i.test(String((err as Error)?.message ?? ''));
}

export function isTlsError(err: unknown): boolean {
  const code = errorCode(err);
  return (code !== undefined && TLS_CODES.has(code)) || /certificate|self[- ]signed|SSL routines/i.test(String((err as Error)?.message ?? ''));
}

export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Removes secrets from text that may end up in an error or a log line. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return redactSecrets(out);
}

/** A network-level failure (no HTTP status) → SourceError. */
export function networkError(err: unknown, query: string, target: string): SourceError {
  const code = errorCode(err);
  const reason = code ?? redactSecrets(String((err as Error)?.message ?? err)).slice(0, 200);
  if (isPlainHttpAnswer(err)) {
    return new SourceError(
      'unreachable',
      `${target} answered in plain HTTP, not TLS (${reason})`,
      query,
      `the server does not speak HTTPS on that port: use ${target.replace(/^https:/i, 'http:')} (or the server's HTTPS port)`,
    );
  }
  if (isTlsError(err)) {
    return new SourceError('unreachable', `TLS handshake with ${target} failed (${reason})`, query, TLS_HINT);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SourceError('unreachable', `cannot resolve the host of ${target} (${reason})`, query, `check the URL ${target}: the host name does not resolve`);
  }
  if (code === 'ERR_INVALID_URL' || (err instanceof TypeError && /Invalid URL/i.test(err.message))) {
    return new SourceError('bad_input', `"${target}" is not a valid URL`, query, 'set the Prometheus URL, e.g. http://127.0.0.1:9090');
  }
  return new SourceError(
    'unreachable',
    `cannot connect to ${target} (${reason})`,
    query,
    `check the URL ${target} — is Prometheus running and reachable from this machine?`,
  );
}

/** An HTTP error status (after retries, when retryable) → SourceError. `promError` is Prometheus' own error text. */
export function httpError(status: number, promError: string | undefined, query: string, target: string, hasToken: boolean, attempts: number): SourceError {
  const detail = promError ? `: ${redactSecrets(promError).slice(0, 500)}` : '';
  if (status === 401) {
    return new SourceError(
      'auth',
      `${target} answered 401 Unauthorized${detail}`,
      query,
      hasToken ? `the token was rejected (expired or wrong?): ${TOKEN_HINT}` : `Prometheus requires a token: ${TOKEN_HINT}`,
      status,
    );
  }
  if (status === 403) {
    return new SourceError(
      'forbidden',
      `${target} answered 403 Forbidden${detail}`,
      query,
      'the token is accepted but not allowed to query metrics: grant it read access (on OpenShift the cluster-monitoring-view role)',
      status,
    );
  }
  if (status === 404) {
    return new SourceError(
      'unreachable',
      `${target} has no Prometheus API (HTTP 404 on /api/v1)`,
      query,
      `check the URL ${target}: it must be the Prometheus/Thanos base URL (include any path prefix, e.g. https://host/prometheus)`,
      status,
    );
  }
  if (status === 400 || status === 422) {
    return new SourceError(
      'bad_query',
      `Prometheus rejected the query (HTTP ${status})${detail}`,
      query,
      'check the selectors (etcd/node selector) and any label values used in the query; the query is shown above',
      status,
    );
  }
  if (status === 429) {
    return new SourceError('server', `Prometheus kept answering 429 Too Many Requests after ${attempts} attempts`, query, 'lower the concurrency or retry later', status);
  }
  if (status >= 500) {
    return new SourceError(
      'server',
      `Prometheus answered HTTP ${status} after ${attempts} attempt${attempts === 1 ? '' : 's'}${detail}`,
      query,
      'Prometheus (or a proxy in front of it) is failing: check its health and logs, then retry',
      status,
    );
  }
  return new SourceError('bad_response', `unexpected HTTP ${status} from ${target}${detail}`, query, `check the URL ${target} points at Prometheus`, status);
}

export function timeoutError(query: string, timeoutMs: number): SourceError {
  return new SourceError(
    'timeout',
    `the query did not answer within ${Math.round(timeoutMs / 1000)} s`,
    query,
    'shorten the analysed duration, check Prometheus load, or raise the timeout',
  );
}

export function cancelledError(query: string): SourceError {
  return new SourceError('cancelled', 'the query was cancelled', query, 'the run was cancelled; start it again when ready');
}

export function badResponse(message: string, query: string, target: string): SourceError {
  return new SourceError(
    'bad_response',
    message,
    query,
    `check that ${target} is Prometheus (or Thanos) and not a login page or proxy error page`,
  );
}
