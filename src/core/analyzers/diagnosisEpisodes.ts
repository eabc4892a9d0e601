// Dates the top causes of a diagnosis: fetches the rolling series of only the signals they need (through the per-run
// collector, so a chart that already asked for them costs nothing more) and adds episodes and co-occurrence.
// A failure here costs only the dating: the diagnosis is returned as it was.
import type { Diagnosis, TimeRange } from '../types';
import type { AnalyzerContext } from './types';
import type { CommonInput } from './input';
import { episodeMetrics, withEpisodes } from '../diagnosis/episodes';

export async function datedDiagnosis(ctx: AnalyzerContext, range: TimeRange, input: CommonInput, d: Diagnosis): Promise<Diagnosis> {
  const metrics = episodeMetrics(d);
  if (!metrics.length) return d;
  try {
    const c = await ctx.collector.collect({ metrics, range, member: input.member || undefined, withSeries: true, signal: ctx.signal });
    return c.series.length ? withEpisodes(d, c.series, ctx.thresholds, range) : d;
  } catch (err) {
    ctx.log.warn(`dating the diagnosis failed: ${err instanceof Error ? err.message : String(err)}`);
    return d;
  }
}
