// The one configuration-error type every face gets from openEngine: what failed, what to do, and whether the user
// must fix a setting/flag (`usage`) or a data source could not be reached or discovered (`source`).
import type { SourceErrorKind } from '../types';
import { ConnectionError } from '../config/connection';
import { ProfileConfigError } from '../profiles/selector';
import { SourceError } from '../source/types';

export type EngineErrorKind = 'usage' | 'source';

export class EngineConfigError extends Error {
  override readonly name = 'EngineConfigError';
  constructor(
    message: string,
    readonly hint: string,
    readonly kind: EngineErrorKind,
    /** For `source`: the source's own classification (unreachable, auth, …), so faces keep their exit codes. */
    readonly sourceKind?: SourceErrorKind,
    readonly query = '',
  ) {
    super(message);
  }
}

/** Known configuration and source failures become an EngineConfigError; anything else is a bug: undefined. */
export function asEngineConfigError(err: unknown): EngineConfigError | undefined {
  if (err instanceof EngineConfigError) return err;
  if (err instanceof SourceError) return new EngineConfigError(err.message, err.hint, 'source', err.kind, err.query);
  if (err instanceof ProfileConfigError) return new EngineConfigError(err.message, err.hint, 'usage');
  if (err instanceof ConnectionError) return new EngineConfigError(err.message, hintOf(err), 'usage');
  // Validation errors of settings carry a hint and say they are about configuration by their name.
  const e = err as (Error & { hint?: unknown }) | undefined;
  if (e instanceof Error && /Config|Thresholds|Setting/i.test(e.name) && typeof e.hint === 'string') {
    return new EngineConfigError(e.message, e.hint, 'usage');
  }
  return undefined;
}

function hintOf(err: Error): string {
  const hint = (err as Error & { hint?: unknown }).hint;
  // A ConnectionError's message already says what to do.
  return typeof hint === 'string' ? hint : '';
}
