// WAL fsync and backend commit share one shape: a latency histogram per member graded against its p99 target.
import { commonInput } from './input';
import type { Analyzer } from './types';
import type { LevelKey } from '../analysis/thresholds';
import { collectAndEvaluate, evaluatedResult, rangeOf } from './analyzerKit';
import { errorsPhrase, perMember, verdict } from './summaryText';
import { metricIdsOf } from '../metrics/catalog';
import { formatValue } from '../util/units';
import type { MetricCategory } from '../types';

/** How faces route to a latency analyzer (see `Analyzer`). */
type LatencyTraits = Pick<Analyzer, 'topic' | 'keywords' | 'slash' | 'explains'>;

export interface LatencyAnalyzerSpec extends LatencyTraits {
  name: string;
  title: string;
  description: string;
  category: MetricCategory;
  /** The histogram metric id. */
  metric: string;
  label: string;
  key: LevelKey;
  rule: string;
}

export function latencyAnalyzer(spec: LatencyAnalyzerSpec): Analyzer<typeof commonInput> {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    inputSchema: commonInput,
    topic: spec.topic,
    keywords: spec.keywords,
    slash: spec.slash,
    explains: spec.explains,
    async run(ctx, input) {
      const range = rangeOf(ctx, input);
      const c = await collectAndEvaluate(ctx, range, input, {
        metrics: metricIdsOf(spec.category),
        seriesOf: [spec.metric],
        categories: ['disk'],
      });
      const level = ctx.thresholds[spec.key];
      const p99 = perMember(c.metrics, spec.metric, 'p99');
      const summary = p99
        ? `${spec.label} p99 over ${range.duration}: ${p99} (target < ${formatValue(level.warning, 'seconds')}) — ${verdict(c.findings, spec.rule, 'target', { rows: c.metrics.filter((m) => m.metric === spec.metric), stat: 'p99' })}. ` +
          `p50: ${perMember(c.metrics, spec.metric, 'p50')}; worst rolling p99: ${perMember(c.metrics, spec.metric, 'max')}.` +
          errorsPhrase(c.errors)
        : `No ${spec.label} data over ${range.duration}.${errorsPhrase(c.errors)}`;
      return evaluatedResult(spec, range, c, summary, { targetSeconds: level.warning, alertSeconds: level.critical });
    },
  };
}
