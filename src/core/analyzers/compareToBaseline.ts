// compare_etcd_to_baseline: the current window (collected live through ctx.collector) against stored runs — a
// baseline window (baselineStart/baselineEnd, or the `baselineDays` before the current window) or one stored run.
// The baseline value per (metric, statistic, member) is the median of the stored runs' values (robust to an odd
// run). Moves in the worse direction beyond `tolerance` (and a unit floor, see baselineMath.ts) become findings.
import { z } from 'zod';
import type { Analyzer } from './types';
import type { Evidence, Finding, MetricSummary, Statistic, TimeRange } from '../types';
import { commonInputShape } from './input';
import { buildResult, collect, rangeOf } from './analyzerKit';
import { errorsPhrase } from './summaryText';
import { historyUnavailable, badInput } from './history/analyzerSupport';
import { getMetric } from '../metrics/catalog';
import type { MetricDef } from '../metrics/types';
import { parseTime } from '../util/timeRange';
import { formatValue } from '../util/units';
import { statOf } from '../analysis/metricLookup';
import { buildFinding, grade } from '../analysis/finding';
import { compareValues, formatChange, median } from './history/baselineMath';
import { defaultStatistic, directionOf, findingCategoryOf, levelKeyOf } from './history/metricTraits';
import { trendKey } from '../history/queries';
import type { TrendPoint } from '../history/port';
import { redactUrl } from '../util/redact';

/** What "is it worse than usual" looks at when the caller does not list metrics. */
export const DEFAULT_BASELINE_METRICS = [
  'wal_fsync_duration',
  'backend_commit_duration',
  'peer_rtt',
  'process_cpu_percent',
  'process_memory_bytes',
  'db_size_bytes',
  'proposals_pending',
  'proposals_failed_rate',
  'slow_applies_rate',
  'leader_changes',
  'grpc_unary_duration',
  'node_iowait_percent',
  'disk_write_latency_seconds',
] as const;

/** A baseline window needs this many stored runs per member and metric; a baseline run needs just itself. */
export const MIN_BASELINE_RUNS = 3;

/** Latency metrics are compared at p50 and p99 (a tail-only regression and a broad one read differently). */
function statsToCompare(def: MetricDef): Statistic[] {
  if (def.stats.includes('p99') && def.stats.includes('p50')) return ['p50', 'p99'];
  return [defaultStatistic(def)];
}

const isoOrEpoch = commonInputShape.start;

const inputSchema = z.object({
  ...commonInputShape,
  metrics: z
    .array(z.string().max(64))
    .max(30)
    .optional()
    .describe(`Catalog metric ids to compare (default: ${DEFAULT_BASELINE_METRICS.join(', ')}).`),
  baselineStart: isoOrEpoch.describe('Baseline window start (ISO 8601 or epoch seconds). Use with baselineEnd.'),
  baselineEnd: isoOrEpoch.describe('Baseline window end (ISO 8601 or epoch seconds).'),
  baselineDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe('Baseline = stored runs of the N days before the current window (default 7). Ignored with baselineStart/baselineEnd or runId.'),
  runId: z.number().int().positive().optional().describe('Compare against this one stored run (ids come from the history view or get_etcd_history_trends).'),
  tolerance: z
    .number()
    .min(0.01)
    .max(10)
    .optional()
    .describe('Relative change that counts as a regression (default 0.25 = 25 %).'),
});

type Input = z.infer<typeof inputSchema>;

const META = { name: 'compare_etcd_to_baseline', title: 'etcd now vs baseline' };

interface Baseline {
  kind: 'window' | 'run';
  since?: string;
  until?: string;
  runId?: number;
  describe: string;
}

function baselineOf(input: Input, range: TimeRange): Baseline {
  if (input.runId !== undefined) return { kind: 'run', runId: input.runId, describe: `stored run #${input.runId}` };
  if (input.baselineStart || input.baselineEnd) {
    const until = input.baselineEnd ? parseTime(input.baselineEnd, 'baselineEnd') : new Date(range.start);
    const since = input.baselineStart ? parseTime(input.baselineStart, 'baselineStart') : new Date(until.getTime() - 7 * 86_400_000);
    if (since >= until) throw new Error(`baselineStart ${since.toISOString()} must be before baselineEnd ${until.toISOString()}`);
    return { kind: 'window', since: since.toISOString(), until: until.toISOString(), describe: `stored runs from ${since.toISOString()} to ${until.toISOString()}` };
  }
  const days = input.baselineDays ?? 7;
  const until = new Date(range.start);
  const since = new Date(until.getTime() - days * 86_400_000);
  return { kind: 'window', since: since.toISOString(), until: until.toISOString(), describe: `stored runs of the ${days} day(s) before the current window` };
}

export interface ComparisonRow {
  metric: string;
  statistic: Statistic;
  member: string;
  unit: string;
  now: number | null;
  baseline: number | null;
  baselineRuns: number;
  change: number | null;
  verdict: 'regression' | 'improvement' | 'unchanged' | 'no_data_now' | 'too_few_runs';
}

export const compareToBaselineAnalyzer: Analyzer<typeof inputSchema> = {
  name: META.name,
  title: META.title,
  description:
    'Compares the current window (live from Prometheus) with a baseline from the local history of stored runs: a baseline ' +
    'window (baselineStart/baselineEnd, or the baselineDays before now, default 7) or one stored run (runId). Per member ' +
    'and metric it reports now, baseline (median of stored runs) and the change; changes in the worse direction beyond ' +
    'tolerance (default 25 %) become findings with both values as evidence. Use it to tell "worse than usual" from ' +
    '"always like this". Needs history enabled and earlier runs stored; for the plain current state use the live analyzers.',
  inputSchema,
  topic: 'now versus a baseline window',
  keywords: { pattern: /\b(baseline|compare|regress\w*|yesterday|last week)\b/i, precedence: 100 },
  roles: ['baseline'],
  async run(ctx, input) {
    let range: TimeRange;
    let baseline: Baseline;
    try {
      range = rangeOf(ctx, input);
      baseline = baselineOf(input, range);
    } catch (err) {
      return badInput(META, undefined, (err as Error).message, 'fix the time fields (ISO 8601 or epoch seconds, start before end)');
    }
    if (!ctx.history) return historyUnavailable(META, range);
    const history = ctx.history;
    // Runs are stored under the Prometheus URL as cluster key (runAnalyzer's default): baselines of this cluster only.
    const cluster = redactUrl(ctx.profile.config.prometheusUrl);
    const tolerance = input.tolerance ?? 0.25;
    const ids = input.metrics?.length ? [...new Set(input.metrics)] : [...DEFAULT_BASELINE_METRICS];
    const unknown = ids.filter((id) => !getMetric(id));
    if (unknown.length) {
      return badInput(META, range, `unknown metric id(s): ${unknown.map((u) => u.slice(0, 64)).join(', ')}`, 'use catalog ids such as wal_fsync_duration, backend_commit_duration, peer_rtt, process_cpu_percent');
    }
    const defs = ids.map((id) => getMetric(id)!);

    if (baseline.kind === 'run') {
      const run = await history.runs({ id: baseline.runId, limit: 1 }).catch(() => []); // any cluster: the caller named it
      if (!run.length) {
        return badInput(META, range, `no stored run #${baseline.runId}`, 'list runs in the history view, or use baselineDays / baselineStart+baselineEnd instead');
      }
      baseline.describe = `stored run #${run[0].id} (${run[0].tool}, ${run[0].rangeStart} – ${run[0].rangeEnd})`;
    }

    const now = await collect(ctx, range, input, { metrics: ids });
    const pairs = defs.flatMap((def) => statsToCompare(def).map((stat) => ({ def, stat })));
    const errors = [...now.errors];
    const stored = await Promise.all(
      pairs.map(({ def, stat }) =>
        history
          .trend({ metric: def.id, statistic: stat, member: input.member || undefined, since: baseline.since, until: baseline.until, runId: baseline.runId, cluster: baseline.runId === undefined ? cluster : undefined })
          .catch((err: unknown) => {
            errors.push({ kind: 'unavailable', query: `history trend ${def.id} ${stat}`, message: (err as Error).message, hint: 'check the history file; a corrupt file is moved aside on the next open' });
            return {} as Record<string, TrendPoint[]>;
          }),
      ),
    );

    const rows: ComparisonRow[] = [];
    const findings: Finding[] = [];
    const baselineRunIds = new Set<number>();
    const minRuns = baseline.kind === 'run' ? 1 : MIN_BASELINE_RUNS;
    pairs.forEach(({ def, stat }, i) => {
      const byMember = stored[i];
      const nowRows = now.metrics.filter((m) => m.metric === def.id);
      const keys = new Set([...nowRows.map((m) => trendKey(m.member, labelsJson(m))), ...Object.keys(byMember)]);
      for (const key of [...keys].sort()) {
        const nowRow = nowRows.find((m) => trendKey(m.member, labelsJson(m)) === key);
        const vals = (byMember[key] ?? []).filter((p) => p.value !== null && Number.isFinite(p.value));
        vals.forEach((p) => p.runId > 0 && baselineRunIds.add(p.runId));
        const nowV = statOf(nowRow, stat);
        const baseV = vals.length ? median(vals.map((p) => p.value as number)) : null;
        const row: ComparisonRow = { metric: def.id, statistic: stat, member: key, unit: def.unit, now: nowV, baseline: baseV, baselineRuns: vals.length, change: null, verdict: 'unchanged' };
        rows.push(row);
        if (nowV === null) {
          row.verdict = 'no_data_now';
          continue;
        }
        if (baseV === null || vals.length < minRuns) {
          row.verdict = 'too_few_runs';
          continue;
        }
        const c = compareValues(nowV, baseV, def.unit, directionOf(def.id), tolerance);
        row.change = c.change;
        row.verdict = c.regression ? 'regression' : c.improvement ? 'improvement' : 'unchanged';
        if (c.regression) findings.push(regressionFinding(ctx.thresholds, def, stat, key, nowRow!, c.change, baseV, vals.length, baseline, range, tolerance));
      }
    });

    const compared = rows.filter((r) => r.verdict === 'regression' || r.verdict === 'improvement' || r.verdict === 'unchanged');
    const regressions = rows.filter((r) => r.verdict === 'regression');
    const tooFew = rows.filter((r) => r.verdict === 'too_few_runs');
    let summary: string;
    if (!now.metrics.length) {
      summary = `Could not read the current window (${range.duration}) from Prometheus, so nothing was compared.${errorsPhrase(errors)}`;
    } else if (!compared.length) {
      const found = baselineRunIds.size;
      summary =
        `Too few stored runs to compare: the baseline (${baseline.describe}) holds ${found} run(s) with these metrics; ` +
        `at least ${minRuns} per member are needed. Run the analyzers (with history on) over time, or pick a wider baseline window or a runId.` +
        errorsPhrase(errors);
    } else {
      const top = regressions
        .sort((a, b) => (b.change ?? Infinity) - (a.change ?? Infinity))
        .slice(0, 4)
        .map((r) => `${getMetric(r.metric)!.title} ${r.statistic} ${r.member} ${formatChange(r.change)} (${formatValue(r.baseline, r.unit as MetricSummary['unit'])} → ${formatValue(r.now, r.unit as MetricSummary['unit'])})`);
      summary =
        `Now (${range.duration}) vs baseline (${baseline.describe}, ${baselineRunIds.size} run(s)): ${compared.length} values compared, ` +
        (regressions.length ? `${regressions.length} regression(s) beyond ${Math.round(tolerance * 100)} %: ${top.join('; ')}${regressions.length > 4 ? '; …' : ''}.` : `no regression beyond ${Math.round(tolerance * 100)} %.`) +
        (tooFew.length ? ` ${tooFew.length} value(s) lacked enough baseline runs.` : '') +
        errorsPhrase(errors);
    }
    return buildResult(META, range, {
      summary,
      metrics: now.metrics,
      findings,
      errors,
      queries: now.queries,
      data: {
        tolerance,
        baseline: { kind: baseline.kind, since: baseline.since, until: baseline.until, runId: baseline.runId, runs: baselineRunIds.size, minRuns },
        comparisons: rows,
        regressions: regressions.length,
        tooFewRuns: !compared.length,
      },
    });
  },
};

function labelsJson(m: MetricSummary): string {
  if (!m.labels || !Object.keys(m.labels).length) return '';
  const keys = Object.keys(m.labels).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, m.labels![k]])));
}

function regressionFinding(
  thresholds: Parameters<Analyzer['run']>[0]['thresholds'],
  def: MetricDef,
  stat: Statistic,
  key: string,
  nowRow: MetricSummary,
  change: number | null,
  baseV: number,
  runs: number,
  baseline: Baseline,
  range: TimeRange,
  tolerance: number,
): Finding {
  const nowV = statOf(nowRow, stat)!;
  const level = levelKeyOf(def.id, stat);
  // Graded by the absolute level when there is one: a regression that is still healthy is info, not an alarm.
  const severity = level ? (grade(nowV, thresholds[level], level) ?? 'info') : 'warning';
  const evidence: Evidence[] = [
    { metric: def.id, member: nowRow.member, statistic: stat, value: nowV, unit: def.unit, at: range.end, window: range.duration, note: 'now' },
    {
      metric: def.id,
      member: nowRow.member,
      statistic: stat,
      value: baseV,
      unit: def.unit,
      at: baseline.until,
      note: baseline.kind === 'run' ? `baseline: ${baseline.describe}` : `baseline: median of ${runs} stored runs (${baseline.since} – ${baseline.until})`,
    },
  ];
  if (level) evidence[0].threshold = thresholds[level].warning;
  return buildFinding({
    rule: 'baseline_regression',
    category: findingCategoryOf(def),
    severity,
    member: nowRow.member,
    subject: `${key}/${def.id}.${stat}`,
    title: `${def.title} ${stat} on ${key} ${formatChange(change)} vs baseline (${formatValue(baseV, def.unit)} → ${formatValue(nowV, def.unit)}, tolerance ${Math.round(tolerance * 100)} %)`,
    evidence,
    rootCause: `Compared with ${baseline.describe}, this value moved in the worse direction by more than the tolerance: something changed since then — load, data size, disk, network, or configuration.`,
    recommendation: `Use get_etcd_history_trends (metric ${def.id}) to see when it changed, then the ${def.category} analyzer for the current detail.${level ? ` Healthy target: ${formatValue(thresholds[level].warning, def.unit)}.` : ''}`,
  });
}
