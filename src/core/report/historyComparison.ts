// The "comparison with history" section of the report: read from a compare_etcd_to_baseline result when one is
// among the report's inputs. Tolerant reading (data is JSON that crossed a boundary): bad rows are skipped.
import type { AnalyzerResult, Statistic, Unit } from '../types';
import type { HistoryComparison, HistoryComparisonRow } from './modelTypes';

export const BASELINE_TOOL = 'compare_etcd_to_baseline';

const VERDICTS = new Set<HistoryComparisonRow['verdict']>(['regression', 'improvement', 'unchanged', 'no_data_now', 'too_few_runs']);
/** Regressions first, then the other compared values; rows without a comparison last. */
const VERDICT_ORDER: Record<HistoryComparisonRow['verdict'], number> = { regression: 0, improvement: 1, unchanged: 2, too_few_runs: 3, no_data_now: 4 };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toRow(v: unknown): HistoryComparisonRow | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  if (typeof r.metric !== 'string' || typeof r.member !== 'string' || !VERDICTS.has(r.verdict as HistoryComparisonRow['verdict'])) return undefined;
  return {
    metric: r.metric,
    statistic: String(r.statistic ?? '') as Statistic,
    member: r.member,
    unit: String(r.unit ?? 'count') as Unit,
    now: num(r.now),
    baseline: num(r.baseline),
    baselineRuns: num(r.baselineRuns) ?? 0,
    change: num(r.change),
    verdict: r.verdict as HistoryComparisonRow['verdict'],
  };
}

export function historyComparisonOf(results: readonly AnalyzerResult[]): HistoryComparison | undefined {
  const r = results.find((x) => x.tool === BASELINE_TOOL);
  if (!r) return undefined;
  const d = r.data ?? {};
  const rows = (Array.isArray(d.comparisons) ? d.comparisons : [])
    .map(toRow)
    .filter((x): x is HistoryComparisonRow => !!x)
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0));
  const baseline = d.baseline && typeof d.baseline === 'object' ? (d.baseline as HistoryComparison['baseline']) : undefined;
  return {
    status: r.status,
    summary: r.summary,
    tolerance: num(d.tolerance) ?? undefined,
    baseline,
    regressions: rows.filter((x) => x.verdict === 'regression').length,
    tooFewRuns: d.tooFewRuns === true,
    rows,
  };
}
