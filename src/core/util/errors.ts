// Any thrown thing → the QueryError entry an analyzer puts in `errors` (never an exception that loses the rest).
import type { QueryError } from '../types';
import { SourceError } from '../source/types';
import { DurationError } from './duration';

export function toQueryError(err: unknown, query: string, metric?: string): QueryError {
  if (err instanceof SourceError) {
    return { kind: err.kind, query: err.query || query, ...(metric ? { metric } : {}), message: err.message, hint: err.hint };
  }
  if (err instanceof DurationError || (err instanceof Error && err.name === 'TimeRangeError')) {
    return { kind: 'bad_input', query, ...(metric ? { metric } : {}), message: err.message, hint: 'use a duration between 5m and 7d, or a start before the end' };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return { kind: 'cancelled', query, ...(metric ? { metric } : {}), message: 'cancelled', hint: 'the run was cancelled; start it again when ready' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    kind: 'bad_response',
    query,
    ...(metric ? { metric } : {}),
    message: message.slice(0, 500) || 'unknown error',
    hint: 'unexpected internal error: run with --debug (or the etcd Analyzer log) for details and report it',
  };
}

/** Whether an error kind means nothing else from this source will work either (stop early, exit code 3). */
export function isSourceFatal(kind: QueryError['kind']): boolean {
  return kind === 'unreachable' || kind === 'auth' || kind === 'forbidden';
}
