// The one way findings are built, so every rule reports id/severity/evidence/texts the same way.
import type { Evidence, Finding, FindingCategory, MetricSummary, Severity, Statistic, Unit } from '../types';
import { formatValue } from '../util/units';
import { CRITICAL_INCLUSIVE, type Level, type LevelKey } from './thresholds';
import type { RuleContext } from './ruleTypes';
import { statOf } from './metricLookup';
import { parseDuration } from '../util/duration';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function maxSeverity(...s: Severity[]): Severity {
  return worstSeverity(s);
}

/** maxSeverity over a list of any length (no argument spread). */
export function worstSeverity(s: readonly Severity[]): Severity {
  return s.reduce<Severity>((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), 'info');
}

/**
 * Grades a value: warning at or above the healthy target, critical past the standard alert level.
 * null (no data) never grades: returns null.
 */
export function grade(value: number | null | undefined, level: Level, key?: LevelKey): Severity | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const crit = key && CRITICAL_INCLUSIVE.has(key) ? value >= level.critical : value > level.critical;
  if (crit) return 'critical';
  if (value >= level.warning) return 'warning';
  return null;
}

export interface FindingSpec {
  rule: string;
  category: FindingCategory;
  severity: Severity;
  /** Member name, node name, or `cluster`. */
  member: string;
  /** Distinguishes several findings of one rule on one member (a peer pair, a gRPC code). Defaults to member. */
  subject?: string;
  title: string;
  evidence: Evidence[];
  rootCause: string;
  recommendation: string;
  related?: string[];
}

export function findingId(rule: string, subject: string): string {
  return `${rule}:${subject}`;
}

export function buildFinding(spec: FindingSpec): Finding {
  const f: Finding = {
    id: findingId(spec.rule, spec.subject ?? spec.member),
    rule: spec.rule,
    category: spec.category,
    severity: spec.severity,
    member: spec.member,
    title: spec.title,
    evidence: spec.evidence,
    rootCause: spec.rootCause,
    recommendation: spec.recommendation,
  };
  if (spec.related?.length) f.related = [...new Set(spec.related)];
  return f;
}

/** Evidence from a summary statistic, carrying unit, threshold, window and time. */
export function evidenceOf(
  m: MetricSummary,
  stat: Statistic,
  ctx: RuleContext,
  threshold?: number,
  note?: string,
): Evidence {
  const e: Evidence = { metric: m.metric, member: m.member, statistic: stat, value: statOf(m, stat), unit: m.unit };
  if (threshold !== undefined) e.threshold = threshold;
  if (ctx.at) e.at = ctx.at;
  if (ctx.window) e.window = ctx.window;
  if (note) e.note = note;
  return e;
}

/** Evidence for a value that is not a summary statistic (an alarm, a count of members). */
export function plainEvidence(metric: string, value: number | null, unit: Unit, ctx: RuleContext, extra: Partial<Evidence> = {}): Evidence {
  const e: Evidence = { metric, value, unit, ...extra };
  if (ctx.at && !e.at) e.at = ctx.at;
  if (ctx.window && !e.window) e.window = ctx.window;
  return e;
}

/** "; past the standard alert level 1 s (etcdHighFsyncDurations)" when critical, else "". */
export function alertPhrase(severity: Severity, level: Level, unit: Unit, alert?: string): string {
  if (severity !== 'critical') return '';
  return `; past the standard alert level ${formatValue(level.critical, unit)}${alert ? ` (${alert})` : ''}`;
}

/** "target < 10 ms", or "healthy: 0" for rates whose target is none at all. */
export function targetPhrase(level: Level, unit: Unit): string {
  return level.warning > 0 && level.warning < 1e-3 && unit !== 'seconds' ? 'healthy: 0' : `target < ${formatValue(level.warning, unit)}`;
}

export interface ThresholdCheck {
  rule: string;
  category: FindingCategory;
  metric: string;
  stat: Statistic;
  key: LevelKey;
  /** Human label of the value: `WAL fsync p99`. */
  label: string;
  /** Standard alert name, quoted when the critical level is crossed. */
  alert?: string;
  /** Other statistics shown beside the graded one (e.g. the worst rolling p99). */
  alsoShow?: Statistic[];
  /** Subject of the finding for non-member scopes (pairs): defaults to the summary's member. */
  member?: (m: MetricSummary) => string;
  where?: (m: MetricSummary) => string;
  rootCause: (m: MetricSummary, value: number, severity: Severity) => string;
  recommendation: string;
  /** Threshold level override (e.g. tuned per metric); defaults to ctx.thresholds[key]. */
  level?: Level;
}

/** Grades one statistic of every summary of a metric and builds a finding per member above the target. */
export function checkThreshold(metrics: readonly MetricSummary[], ctx: RuleContext, c: ThresholdCheck): Finding[] {
  const level = c.level ?? (ctx.thresholds[c.key] as Level);
  const out: Finding[] = [];
  for (const m of metrics) {
    if (m.metric !== c.metric) continue;
    // +Inf (a quantile above the histogram's top bucket) is slower than any bucket: past every threshold, not "no data".
    const aboveTop = statOf(m, c.stat) === null && !!m.aboveTop?.includes(c.stat);
    const value = aboveTop ? Number.POSITIVE_INFINITY : statOf(m, c.stat);
    const severity = aboveTop ? 'critical' : grade(value, level, c.key);
    if (!severity || value === null) continue;
    const member = c.member ? c.member(m) : m.member;
    const where = c.where ? c.where(m) : m.member;
    const first = evidenceOf(m, c.stat, ctx, severity === 'critical' ? level.critical : level.warning, `${targetPhrase(level, m.unit)}; alert level ${formatValue(level.critical, m.unit)}`);
    if (aboveTop) Object.assign(first, { aboveTop: true, note: `above the histogram's top bucket (+Inf); ${first.note}` });
    const evidence = [first];
    for (const s of c.alsoShow ?? []) if (statOf(m, s) !== null) evidence.push(evidenceOf(m, s, ctx));
    out.push(
      buildFinding({
        rule: c.rule,
        category: c.category,
        severity,
        member,
        subject: m.member,
        title: `${c.label} ${aboveTop ? "above the histogram's top bucket" : formatValue(value, m.unit)}${approxCount(value, m.unit, c.stat, ctx.window)} on ${where} (${targetPhrase(level, m.unit)})${alertPhrase(severity, level, m.unit, c.alert)}`,
        evidence,
        rootCause: c.rootCause(m, value, severity),
        recommendation: c.recommendation,
      }),
    );
  }
  return out;
}

/** " (≈2 in 15m)" for an average event rate, so a tiny rate reads as the handful of events it is. */
export function approxCount(value: number, unit: Unit, stat: Statistic, window?: string): string {
  if (unit !== 'per_second' || stat !== 'avg' || !window) return '';
  let secs: number;
  try {
    secs = parseDuration(window);
  } catch {
    return '';
  }
  const n = value * secs;
  return n >= 0.5 && n < 100000 ? ` (≈${Math.round(n)} in ${window})` : '';
}
