// Summary phrasing shared by analyzers: per-member values with units, and a verdict from findings.
import type { Finding, MetricSummary, Statistic } from '../types';
import { formatValue } from '../util/units';
import { statOf } from '../analysis/metricLookup';
import { SEVERITY_RANK } from '../analysis/finding';
import { overallHealth } from '../analysis/health';
import { nameList } from '../util/nameList';

/** "m1 2.1 ms, m2 2.4 ms, m3 31 ms" (rows of one metric; members without data say "no data"). */
export function perMember(metrics: readonly MetricSummary[], id: string, stat: Statistic, opts: { limit?: number } = {}): string {
  const rows = metrics.filter((m) => m.metric === id && m.stats[stat] !== undefined);
  const limit = opts.limit ?? 8;
  const parts = rows.slice(0, limit).map((m) => `${m.member}${m.labels?.device ? ` ${m.labels.device}` : ''} ${formatValue(statOf(m, stat), m.unit)}`);
  if (rows.length > limit) parts.push(`and ${rows.length - limit} more`);
  return parts.join(', ');
}

/** The row with the highest value of a statistic, or undefined when none has data. */
export function worst(metrics: readonly MetricSummary[], id: string, stat: Statistic): MetricSummary | undefined {
  let best: MetricSummary | undefined;
  for (const m of metrics) {
    if (m.metric !== id) continue;
    const v = statOf(m, stat);
    if (v !== null && (best === undefined || v > (statOf(best, stat) ?? -Infinity))) best = m;
  }
  return best;
}

/** "max m3 31 ms" or "no data". */
export function worstPhrase(metrics: readonly MetricSummary[], id: string, stat: Statistic): string {
  const w = worst(metrics, id, stat);
  return w ? `${formatValue(statOf(w, stat), w.unit)} (${w.member})` : 'no data';
}

/** Sum of a statistic over rows (cluster totals of rates); null when none has data. */
export function total(metrics: readonly MetricSummary[], id: string, stat: Statistic): number | null {
  const vals = metrics.filter((m) => m.metric === id).map((m) => statOf(m, stat)).filter((v): v is number => v !== null);
  return vals.length ? vals.reduce((a, b) => a + b, 0) : null;
}

/**
 * "m3 above target" / "m2, m3 above target (m3 past the alert level)" / "all below target". With `graded` (the rows
 * and statistic the rule reads), members without a finite value are never counted as below target: "no data".
 */
export function verdict(findings: readonly Finding[], rule: string, what = 'target', graded?: { rows: readonly MetricSummary[]; stat: Statistic }): string {
  const hits = findings.filter((f) => f.rule === rule);
  const missing = graded ? graded.rows.filter((r) => statOf(r, graded.stat) === null && !r.aboveTop?.includes(graded.stat)).map((r) => r.member) : [];
  if (graded && missing.length === graded.rows.length) return 'not judged: no finite data';
  const noData = missing.length ? `; no data for ${[...new Set(missing)].join(', ')}` : '';
  if (!hits.length) return `${missing.length ? 'the others' : 'all'} below ${what}${noData}`;
  const names = [...new Set(hits.map((f) => subjectOf(f)))];
  const crit = [...new Set(hits.filter((f) => f.severity === 'critical').map((f) => subjectOf(f)))];
  return `${nameList(names)} above ${what}${crit.length ? ` (${nameList(crit)} past the standard alert level)` : ''}${noData}`;
}

function subjectOf(f: Finding): string {
  return f.id.slice(f.rule.length + 1) || f.member;
}

/** "2 findings (1 critical): Member m3 is down…; WAL fsync p99 …" — the most severe first. */
export function findingsPhrase(findings: readonly Finding[], max = 3): string {
  if (!findings.length) return 'no findings';
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const crit = findings.filter((f) => f.severity === 'critical').length;
  const warn = findings.filter((f) => f.severity === 'warning').length;
  const counts = [crit && `${crit} critical`, warn && `${warn} warning`].filter(Boolean).join(', ');
  const head = `${findings.length} finding${findings.length === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}`;
  const top = sorted.slice(0, max).map((f) => `${f.severity}: ${f.title}`);
  return `${head}: ${top.join('; ')}${findings.length > max ? '; …' : ''}`;
}

/** "Verdict: degraded — 2 findings (1 critical): …." — the closing sentence of most analyzer summaries. */
export function verdictPhrase(findings: readonly Finding[]): string {
  return `Verdict: ${overallHealth(findings)} — ${findingsPhrase(findings)}.`;
}

/** "; 2 queries failed (first: …)" for summaries of partial results. */
export function errorsPhrase(errors: readonly { message: string }[]): string {
  if (!errors.length) return '';
  return ` ${errors.length} quer${errors.length === 1 ? 'y' : 'ies'} failed (first: ${errors[0].message.slice(0, 160)}).`;
}
