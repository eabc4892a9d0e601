// Prometheus (and Thanos) can answer `status: success` with `warnings` (and, since 3.0, `infos`): a partial response
// from a store, a query that hit a limit, a counter that may not be one. Such an answer is kept but must not pass
// silently: the source tags the parsed result, and the collector turns the tag into an entry in the run's errors.
import type { QueryError } from '../types';
import { redactSecrets } from '../util/redact';

const tags = new WeakMap<object, string[]>();
const MAX_WARNINGS = 5;
const MAX_CHARS = 300;

/** Keeps the envelope's warnings/infos (bounded, redacted, single-line) with `result`; returns `result`. */
export function tagWarnings<T>(result: T, envelope: { warnings?: unknown; infos?: unknown }): T {
  const list: string[] = [];
  for (const field of [envelope.warnings, envelope.infos]) {
    if (!Array.isArray(field)) continue;
    for (const w of field) {
      if (list.length >= MAX_WARNINGS) break;
      // eslint-disable-next-line no-control-regex
      list.push(redactSecrets(String(w)).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, MAX_CHARS));
    }
  }
  if (list.length && result && typeof result === 'object') tags.set(result as object, list);
  return result;
}

export function warningsOf(result: unknown): string[] {
  return result && typeof result === 'object' ? (tags.get(result as object) ?? []) : [];
}

/** The QueryError entry for the warnings of one query's answer (undefined when there were none). */
export function warningError(query: string, result: unknown): QueryError | undefined {
  const w = warningsOf(result);
  if (!w.length) return undefined;
  return {
    kind: 'bad_response',
    query,
    message: `Prometheus answered with ${w.length === 1 ? 'a warning' : `${w.length} warnings`}: ${w.join(' | ')}`,
    hint: 'the values were kept but may be incomplete (e.g. a Thanos partial response or a query limit); check Prometheus/Thanos and rerun',
  };
}
