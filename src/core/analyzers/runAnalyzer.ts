// The one way faces run an analyzer: validates input, pins the clock for the run, never throws for data problems
// (failures become `errors` and a status), and records the result to history when asked.
import type { z } from 'zod';
import type { AnalyzerResult, QueryError, TimeRange } from '../types';
import type { AnalyzerContext } from './types';
import { analyzerNames, getAnalyzer } from './registry';
import { resolveTimeRange } from '../util/timeRange';
import { toQueryError } from '../util/errors';
import { redactUrl } from '../util/redact';

export interface RunOptions {
  /** Store the result in ctx.history (default true when a history store exists). */
  record?: boolean;
  /** Cluster key for history (default, also when empty: the profile's Prometheus URL, discovered for openshift). */
  cluster?: string;
}

export async function runAnalyzer(ctx: AnalyzerContext, name: string, rawInput: unknown, opts: RunOptions = {}): Promise<AnalyzerResult> {
  // One clock per run: every analyzer (and report section) resolves the same range, so identical queries are shared.
  const now = ctx.now();
  const runCtx: AnalyzerContext = { ...ctx, now: () => now };

  const analyzer = getAnalyzer(String(name ?? ''));
  if (!analyzer) {
    return failedResult(String(name ?? ''), 'Unknown tool', fallbackRange(now), {
      kind: 'bad_input',
      query: '',
      message: `unknown tool "${String(name ?? '').slice(0, 80)}"`,
      hint: `use one of: ${analyzerNames.join(', ')}`,
    });
  }

  const parsed = parseInput(analyzer.inputSchema, rawInput);
  if (!parsed.ok) {
    return failedResult(analyzer.name, analyzer.title, fallbackRange(now), {
      kind: 'bad_input',
      query: '',
      message: `invalid input for ${analyzer.name}: ${parsed.message}`,
      hint: `fix the field named above; accepted fields: ${Object.keys(analyzer.inputSchema.shape).join(', ')}`,
    });
  }

  let range: TimeRange;
  try {
    range = resolveTimeRange(parsed.value as { duration?: string; start?: string; end?: string }, now);
  } catch (err) {
    const e = toQueryError(err, '');
    // History spans may be longer than any live window; such analyzers validate their own span.
    if (analyzer.ownTimeSpan) range = fallbackRange(now);
    else return failedResult(analyzer.name, analyzer.title, fallbackRange(now), { ...e, kind: 'bad_input', message: `invalid input for ${analyzer.name}: ${e.message}` });
  }

  let result: AnalyzerResult;
  try {
    result = await analyzer.run(runCtx, parsed.value);
    if (result.status === 'ok' && result.errors.length) result = { ...result, status: 'partial' };
  } catch (err) {
    ctx.log.error(`${analyzer.name} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    result = failedResult(analyzer.name, analyzer.title, range, toQueryError(err, analyzer.name));
  }

  if (ctx.history && opts.record !== false && analyzer.recorded !== false && result.status !== 'failed' && result.status !== 'unavailable') {
    try {
      await ctx.history.record(result, { cluster: redactUrl(opts.cluster || ctx.profile.config.prometheusUrl), profile: ctx.profile.id });
    } catch (err) {
      // History is a convenience: a full disk or a locked file must not fail the analysis.
      ctx.log.warn(`could not record ${result.tool} to history: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return result;
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Zod issues → "duration \"3s\": must be a duration between 5m and 7d, …; start: …". */
export function parseInput(schema: z.ZodObject<z.ZodRawShape>, raw: unknown): Parsed {
  const input = raw === undefined || raw === null ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, message: 'the input must be a JSON object, like {"duration": "1h"}' };
  }
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data as Record<string, unknown> };
  const message = r.error.issues
    .map((i) => {
      const field = i.path.map(String).join('.') || 'input';
      const got = i.path.length ? valueAt(input, i.path) : undefined;
      const shown = got === undefined ? '' : ` ${JSON.stringify(got).slice(0, 40)}`;
      return `${field}${shown}: ${i.message}`;
    })
    .join('; ');
  return { ok: false, message };
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

export function fallbackRange(now: Date): TimeRange {
  return resolveTimeRange({}, now);
}

/** The failed result every face shows when a tool could not run at all (bad input, bad configuration). */
export function failedResult(tool: string, title: string, range: TimeRange, error: QueryError): AnalyzerResult {
  return {
    tool,
    title,
    summary: `${title} failed: ${error.message}. ${error.hint}.`,
    status: 'failed',
    range,
    metrics: [],
    findings: [],
    errors: [error],
  };
}
