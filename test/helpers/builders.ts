// Shared builders for the engine's plain data in tests: a metric row, a finding, a result. Each fills what a test
// does not care about with neutral values, so a test states only what it asserts on.
import type { AnalyzerResult, Finding, MetricSummary, TimeRange } from '../../src/core/types';
import { getMetric } from '../../src/core/metrics/catalog';

export const HOUR_RANGE: TimeRange = { start: '2026-01-01T11:00:00.000Z', end: '2026-01-01T12:00:00.000Z', duration: '1h', stepSeconds: 15 };

/** A summary row; title, category, scope and unit come from the catalog when the id is a catalog metric. */
export function makeRow(metric: string, member: string, stats: MetricSummary['stats'], extra: Partial<MetricSummary> = {}): MetricSummary {
  const def = getMetric(metric);
  return {
    metric,
    title: def?.title ?? metric,
    category: def?.category ?? 'general',
    scope: def?.scope ?? 'member',
    member,
    node: 'n1',
    unit: def?.unit ?? 'seconds',
    stats,
    ...extra,
  };
}

/** A finding; `id` defaults to `rule:member` as buildFinding makes it. */
export function makeFinding(over: Partial<Finding> & Pick<Finding, 'severity'>): Finding {
  const rule = over.rule ?? over.id?.split(':')[0] ?? 'rule_x';
  const member = over.member ?? over.id?.split(':')[1] ?? 'm1';
  return {
    id: `${rule}:${member}`,
    rule,
    category: 'disk',
    member,
    title: `title ${rule}`,
    evidence: [],
    rootCause: 'cause',
    recommendation: 'do this',
    ...over,
  };
}

/** A result with nothing in it but what `over` says. */
export function makeResult(over: Partial<AnalyzerResult> = {}): AnalyzerResult {
  return { tool: 't', title: 'T', summary: '', status: 'ok', metrics: [], findings: [], errors: [], range: HOUR_RANGE, ...over };
}
