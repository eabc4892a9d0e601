// Runs the rules, the outlier detection and the correlations over metric summaries: the one entry point analyzers use.
import type { Finding, FindingCategory, MetricSummary } from '../types';
import type { EtcdClusterStatus } from '../source/clusterStatusTypes';
import type { Thresholds } from './thresholds';
import type { RuleContext } from './ruleTypes';
import { RULES } from './rules';
import { detectOutliers } from './outliers';
import { correlate } from './correlations';
import { SEVERITY_RANK } from './finding';
import { append } from '../util/arrays';

export interface EvaluateOptions {
  /** Window text for evidence (`1h`). */
  window?: string;
  /** ISO end of the window for evidence. */
  at?: string;
  /** Only these categories' rules (default all). Correlations only combine what was evaluated. */
  categories?: readonly FindingCategory[];
  clusterStatus?: EtcdClusterStatus;
  knownMembers?: string[];
  /** Outlier-member findings (default true). */
  outliers?: boolean;
  /** Correlation findings (default true). */
  correlations?: boolean;
  /** Keep only findings about this member (plus cluster-wide ones). */
  member?: string;
}

export function evaluateFindings(metrics: readonly MetricSummary[], thresholds: Thresholds, opts: EvaluateOptions = {}): Finding[] {
  const ctx: RuleContext = {
    thresholds,
    window: opts.window,
    at: opts.at,
    clusterStatus: opts.clusterStatus,
    knownMembers: opts.knownMembers,
  };
  const categories = new Set<FindingCategory>(opts.categories ?? (Object.keys(RULES) as FindingCategory[]));
  let findings: Finding[] = [];
  for (const [category, rule] of Object.entries(RULES) as [FindingCategory, (typeof RULES)[FindingCategory]][]) {
    if (categories.has(category)) append(findings, rule(metrics, ctx));
  }
  if (opts.outliers !== false) append(findings, detectOutliers(metrics, ctx).filter((f) => categories.has(f.category)));
  findings = dedupe(findings);
  if (opts.correlations !== false) findings = correlate(findings, metrics, ctx);
  findings = linkOutliers(findings);
  if (opts.member) findings = findings.filter((f) => f.member === opts.member || f.member === 'cluster' || f.evidence.some((e) => e.member === opts.member));
  return sortFindings(pruneRelated(findings));
}

/** Most severe first, then by category order of investigation, then member, then id: stable for diffs and tests. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const order = Object.keys(RULES);
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      order.indexOf(a.category) - order.indexOf(b.category) ||
      a.member.localeCompare(b.member) ||
      a.id.localeCompare(b.id),
  );
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.id)) seen.set(f.id, f);
  return [...seen.values()];
}

/** An outlier points at its threshold finding; make the link two-way. */
function linkOutliers(findings: Finding[]): Finding[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  for (const f of findings) {
    if (!f.rule.startsWith('outlier_')) continue;
    for (const id of f.related ?? []) {
      const other = byId.get(id);
      if (other) other.related = [...new Set([...(other.related ?? []), f.id])];
    }
  }
  return findings;
}

/** Related ids must name findings present in the same list (call again after filtering a list). */
export function pruneRelated(findings: readonly Finding[]): Finding[] {
  const ids = new Set(findings.map((f) => f.id));
  return findings.map((f) => {
    if (!f.related) return f;
    const related = f.related.filter((id) => ids.has(id) && id !== f.id);
    const { related: _drop, ...rest } = f;
    return related.length ? { ...rest, related } : rest;
  });
}
