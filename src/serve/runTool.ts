// One analyzer run in the serve face: a context over the engine's one source (its query cap holds across every
// request), the request's abort signal, progress per metric batch for streams, tracked while in flight, and the
// result offered to /metrics.
import { runAnalyzer } from '../core/analyzers/runAnalyzer';
import type { AnalyzerContext } from '../core/analyzers/types';
import type { AnalyzerResult } from '../core/types';
import type { ServeDeps } from './deps';

export interface ProgressEvent {
  tool: string;
  /** Metric batches asked for / answered so far. */
  batchesStarted: number;
  batchesDone: number;
  /** Catalog ids of the batch that just finished (or started). */
  metrics: string[];
  elapsedMs: number;
}

export interface RunToolOptions {
  signal?: AbortSignal;
  origin: 'request' | 'periodic';
  onProgress?(p: ProgressEvent): void;
}

export async function runTool(deps: ServeDeps, name: string, input: unknown, opts: RunToolOptions): Promise<AnalyzerResult> {
  return deps.runs.track(name, opts.origin, async () => {
    const t0 = Date.now();
    const ctx = withProgress(deps.engine.context(opts.signal), name, t0, opts.onProgress);
    const result = await runAnalyzer(ctx, name, input);
    const durationMs = Date.now() - t0;
    if (opts.signal?.aborted) deps.log.info(`${name} stopped after ${durationMs} ms: ${String((opts.signal.reason as Error)?.message ?? 'aborted')}`);
    else deps.log.info(`${name} → ${result.status} in ${durationMs} ms (${result.errors.length} errors, ${opts.origin})`);
    // /metrics shows the cluster now: a run about one member or a past window would replace it with a part of it.
    const given = (input ?? {}) as Record<string, unknown>;
    const whole = !['member', 'start', 'end'].some((k) => given[k] !== undefined);
    if (opts.origin === 'periodic' || whole) deps.latest.offer({ tool: name, finishedAt: Date.now(), durationMs, result, origin: opts.origin });
    return result;
  });
}

/** Wraps the run's collector so each metric batch reports when it starts and ends (no other change). */
function withProgress(ctx: AnalyzerContext, tool: string, t0: number, onProgress: RunToolOptions['onProgress']): AnalyzerContext {
  if (!onProgress) return ctx;
  let started = 0;
  let done = 0;
  const inner = ctx.collector;
  const emit = (metrics: string[]) => {
    try {
      onProgress({ tool, batchesStarted: started, batchesDone: done, metrics, elapsedMs: Date.now() - t0 });
    } catch {
      // A progress listener never breaks the run.
    }
  };
  return {
    ...ctx,
    collector: {
      async collect(req) {
        started++;
        emit(req.metrics);
        try {
          return await inner.collect(req);
        } finally {
          done++;
          emit(req.metrics);
        }
      },
    },
  };
}
