// get_etcd_history_trends: one metric statistic over stored runs, per member: the points (a chart series), the
// least-squares slope per day, and mean-shift change points (src/core/analyzers/history/trendMath.ts documents both).
// A member whose metric is getting worse (rising line that explains most of the variation, or a step up at the
// latest change point) becomes a finding.
import { z } from 'zod';
import type { Analyzer, AnalyzerContext } from './types';
import type { Evidence, Finding, Series, Statistic, TimeRange } from '../types';
import { commonInputShape } from './input';
import { buildResult } from './analyzerKit';
import { historyUnavailable, badInput } from './history/analyzerSupport';
import { getMetric } from '../metrics/catalog';
import type { MetricDef } from '../metrics/types';
import { parseTime } from '../util/timeRange';
import { parseDuration, formatDuration } from '../util/duration';
import { chooseStep } from '../source/step';
import { formatValue } from '../util/units';
import { fitSlope, changePoints, type ChangePoint, type SlopeFit } from './history/trendMath';
import { defaultStatistic, directionOf, findingCategoryOf, levelKeyOf } from './history/metricTraits';
import { formatChange } from './history/baselineMath';
import { buildFinding, grade } from '../analysis/finding';
import { redactUrl } from '../util/redact';
import { nameList } from '../util/nameList';

const STATISTICS = ['avg', 'max', 'min', 'latest', 'p50', 'p90', 'p99', 'increase', 'rate'] as const;

/** Fewer points than this per member: listed, but no slope or change points. */
export const MIN_TREND_POINTS = 3;
/** A worsening trend: the fitted line rises by ≥ 25 % of the mean over the span and explains ≥ 50 % of the variance… */
const RISE_SHARE = 0.25;
const MIN_R2 = 0.5;
/** …or the latest change point is a step up of ≥ 25 %. */
const STEP_SHARE = 0.25;
const CHANGE_POINT_OPTIONS = { minSegment: 5, minT: 4, minRelativeShift: 0.1, maxChangePoints: 5 };

const inputSchema = z.object({
  ...commonInputShape,
  metric: z
    .string()
    .max(64)
    .optional()
    .describe('Catalog metric id, e.g. wal_fsync_duration (default), backend_commit_duration, peer_rtt, process_cpu_percent, db_size_bytes.'),
  statistic: z
    .enum(STATISTICS)
    .optional()
    .describe('Which stored statistic: p99 by default (or avg/increase/latest for metrics without quantiles).'),
  days: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('How many days of stored runs to look at (default 30). Ignored when start and end are given.'),
});

type Input = z.infer<typeof inputSchema>;

const META = { name: 'get_etcd_history_trends', title: 'etcd history trends' };

/** The span of stored runs to read: start/end, else `days`, else `duration`, else 30 days. */
function spanOf(ctx: AnalyzerContext, input: Input): TimeRange {
  const nowMs = ctx.now().getTime();
  const end = input.end ? parseTime(input.end, 'end').getTime() : nowMs;
  let start: number;
  if (input.start) start = parseTime(input.start, 'start').getTime();
  else if (input.days) start = end - input.days * 86_400_000;
  else if (input.duration) start = end - parseDuration(input.duration) * 1000;
  else start = end - 30 * 86_400_000;
  if (start >= end) throw new Error(`start ${new Date(start).toISOString()} must be before end ${new Date(end).toISOString()}`);
  const secs = Math.round((end - start) / 1000);
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), duration: formatDuration(secs), stepSeconds: chooseStep(secs) };
}

interface MemberTrend {
  points: number;
  aggregatePoints: number;
  first?: string;
  last?: string;
  mean: number | null;
  latest: number | null;
  slopePerDay: number | null;
  relativeSlopePerDay: number | null;
  r2: number | null;
  changePoints: ChangePoint[];
}

function worsening(def: MetricDef, fit: SlopeFit | null, cps: ChangePoint[], spanDays: number): { why: string; kind: 'slope' | 'step' } | null {
  const dir = directionOf(def.id);
  if (dir === 'neutral') return null;
  const sign = dir === 'higher_worse' ? 1 : -1;
  const last = cps[cps.length - 1];
  if (last && last.relativeChange !== null && sign * last.relativeChange >= STEP_SHARE) {
    return { kind: 'step', why: `stepped ${formatChange(last.relativeChange)} at ${last.at} (${formatValue(last.before, def.unit)} → ${formatValue(last.after, def.unit)})` };
  }
  if (fit && fit.relativeSlopePerDay !== null && fit.r2 >= MIN_R2 && sign * fit.relativeSlopePerDay * spanDays >= RISE_SHARE) {
    return {
      kind: 'slope',
      why: `${sign > 0 ? 'rising' : 'falling'} ${formatChange(fit.relativeSlopePerDay)} per day (r² ${fit.r2.toFixed(2)}, ${formatChange(fit.relativeSlopePerDay * spanDays)} over ${spanDays.toFixed(1)} days)`,
    };
  }
  return null;
}

export const historyTrendsAnalyzer: Analyzer<typeof inputSchema> = {
  name: META.name,
  title: META.title,
  description:
    'Trend of one etcd metric over the analyzer runs stored in the local history (not a live Prometheus query): per member ' +
    'the stored values over time as a series, the least-squares slope per day, and change points (mean shifts). Findings ' +
    'flag members whose metric is getting worse. Input: metric (catalog id, default wal_fsync_duration), statistic (default ' +
    'p99), days of history (default 30) or start/end. Needs history to be enabled and earlier runs stored; use ' +
    'compare_etcd_to_baseline for "is it worse than usual now", and the live analyzers for the current state.',
  inputSchema,
  topic: 'stored runs for a metric trend',
  needsPrometheus: false,
  recorded: false,
  roles: ['trends'],
  keywords: { pattern: /\b(trend|trends|history|over time)\b/i, precedence: 90 },
  slash: { command: 'history', description: 'Trends over stored runs (metric=<id>, e.g. wal_fsync_duration)', followups: ['bottlenecks', 'report'] },
  ownTimeSpan: true,
  async run(ctx, input) {
    let range: TimeRange;
    try {
      range = spanOf(ctx, input);
    } catch (err) {
      return badInput(META, undefined, (err as Error).message, 'give start before end (ISO 8601 or epoch seconds), or days');
    }
    if (!ctx.history) return historyUnavailable(META, range);
    const metricId = input.metric ?? 'wal_fsync_duration';
    const def = getMetric(metricId);
    if (!def) {
      return badInput(META, range, `unknown metric "${metricId.slice(0, 64)}"`, 'use a catalog id such as wal_fsync_duration, backend_commit_duration, peer_rtt, process_cpu_percent or db_size_bytes');
    }
    const statistic: Statistic = input.statistic ?? defaultStatistic(def);
    if (!def.stats.includes(statistic)) {
      return badInput(META, range, `${def.id} has no statistic "${statistic}"`, `use one of ${def.stats.join(', ')}`);
    }

    let byMember: Record<string, { runId: number; at: string; value: number | null }[]>;
    try {
      // Runs are stored under the Prometheus URL as cluster key (runAnalyzer's default): only this cluster's history.
      const cluster = redactUrl(ctx.profile.config.prometheusUrl);
      byMember = await ctx.history.trend({ metric: def.id, statistic, member: input.member || undefined, since: range.start, until: range.end, cluster });
    } catch (err) {
      return buildResult(META, range, {
        summary: `Reading the history store failed: ${(err as Error).message}`,
        status: 'failed',
        errors: [{ kind: 'unavailable', query: `history trend ${def.id} ${statistic}`, message: (err as Error).message, hint: 'check the history file (setting etcdAnalyzer.history / --history); a corrupt file is moved aside on the next open' }],
      });
    }

    const spanDays = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
    const series: Series[] = [];
    const members: Record<string, MemberTrend> = {};
    const findings: Finding[] = [];
    const phrases: string[] = [];
    const runIds = new Set<number>();
    const level = levelKeyOf(def.id, statistic);

    for (const member of Object.keys(byMember).sort()) {
      const pts = byMember[member];
      pts.forEach((p) => p.runId > 0 && runIds.add(p.runId));
      const [name, labelsJson] = member.includes(' {') ? [member.slice(0, member.indexOf(' {')), member.slice(member.indexOf(' {') + 1)] : [member, ''];
      const s: Series = { metric: def.id, member: name, unit: def.unit, points: pts.map((p) => [Date.parse(p.at), p.value]) };
      if (labelsJson) s.labels = JSON.parse(labelsJson) as Record<string, string>;
      series.push(s);
      const xy = pts.filter((p) => p.value !== null && Number.isFinite(p.value)).map((p) => ({ t: Date.parse(p.at), v: p.value as number }));
      const enough = xy.length >= MIN_TREND_POINTS;
      const fit = enough ? fitSlope(xy) : null;
      const cps = enough ? changePoints(xy, CHANGE_POINT_OPTIONS) : [];
      const latest = xy.length ? xy[xy.length - 1].v : null;
      members[member] = {
        points: pts.length,
        aggregatePoints: pts.filter((p) => p.runId <= 0).length,
        first: pts[0]?.at,
        last: pts[pts.length - 1]?.at,
        mean: xy.length ? xy.reduce((a, p) => a + p.v, 0) / xy.length : null,
        latest,
        slopePerDay: fit?.slopePerDay ?? null,
        relativeSlopePerDay: fit?.relativeSlopePerDay ?? null,
        r2: fit?.r2 ?? null,
        changePoints: cps,
      };
      if (xy.length) {
        const slope = fit ? `, ${fit.slopePerDay >= 0 ? '+' : '−'}${formatValue(Math.abs(fit.slopePerDay), def.unit)}/day` : '';
        phrases.push(`${member} ${formatValue(xy[0].v, def.unit)} → ${formatValue(latest, def.unit)}${slope}${cps.length ? `, ${cps.length} change point${cps.length > 1 ? 's' : ''}` : ''}`);
      }
      const bad = enough ? worsening(def, fit, cps, spanDays) : null;
      if (bad) {
        const graded = level ? grade(latest, ctx.thresholds[level], level) : null;
        const evidence: Evidence[] = [
          { metric: def.id, member: name, statistic, value: xy[0].v, unit: def.unit, at: new Date(xy[0].t).toISOString(), note: 'first stored value in the span' },
          { metric: def.id, member: name, statistic, value: latest, unit: def.unit, at: new Date(xy[xy.length - 1].t).toISOString(), note: `latest stored value; ${bad.why}` },
        ];
        if (level) evidence[1].threshold = ctx.thresholds[level].warning;
        findings.push(
          buildFinding({
            rule: 'history_trend_worsening',
            category: findingCategoryOf(def),
            severity: level ? (graded ?? 'info') : 'warning', // healthy but drifting: info; no threshold known: warning
            member: name,
            subject: member,
            title: `${def.title} ${statistic} on ${member} is getting worse across stored runs: ${bad.why}`,
            evidence,
            rootCause:
              bad.kind === 'step'
                ? 'A step change in stored runs usually has one cause at that time: a deployment, a node or disk change, a new client workload, or a member move.'
                : 'A steady drift across stored runs points at growth: data size, request load, fragmentation, or a slowly degrading disk or network.',
            recommendation: `Check what changed around the change point or over the span, run compare_etcd_to_baseline for the current window, and the ${def.category} analyzer for detail.${level ? ` The healthy target is ${formatValue(ctx.thresholds[level].warning, def.unit)}.` : ''}`,
          }),
        );
      }
    }

    const totalPoints = Object.values(members).reduce((a, m) => a + m.points, 0);
    const label = `${def.title} ${statistic}`;
    let summary: string;
    if (!totalPoints) {
      summary = `No stored runs with ${label} between ${range.start} and ${range.end}. Run an analyzer that collects ${def.id} (with history on) to build history.`;
    } else if (Object.values(members).every((m) => m.points < MIN_TREND_POINTS)) {
      summary = `Too few stored runs for a trend of ${label}: ${runIds.size} run(s) over ${range.duration}, at least ${MIN_TREND_POINTS} per member are needed. Values: ${phrases.join('; ')}.`;
    } else {
      summary =
        `${label} over ${range.duration} of stored history (${runIds.size} runs${Object.values(members).some((m) => m.aggregatePoints) ? ' plus daily aggregates' : ''}): ${phrases.join('; ')}. ` +
        (findings.length ? `Getting worse: ${nameList(findings.map((f) => f.member))}.` : 'No member is getting worse.');
    }
    return buildResult(META, range, {
      summary,
      findings,
      series,
      data: {
        metric: def.id,
        statistic,
        unit: def.unit,
        runs: runIds.size,
        members,
        method: {
          slope: 'ordinary least squares of value against time in days',
          changePoints: 'binary segmentation on the mean: two-sample t ≥ 4, segments ≥ 5 points, shift ≥ 10 %',
          worsening: `last change point ≥ ${STEP_SHARE * 100} % worse, or fitted rise ≥ ${RISE_SHARE * 100} % of the mean over the span with r² ≥ ${MIN_R2}`,
        },
        tooFewRuns: Object.values(members).every((m) => m.points < MIN_TREND_POINTS),
      },
    });
  },
};
