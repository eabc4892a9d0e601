// The "comparison with history" section of the report: read from the report's own `data.historyComparison` (the
// baseline comparison it ran when history was on), or from a baseline result among the inputs. Tolerant reading
// (data is JSON that crossed a boundary): bad rows are skipped.
import type { AnalyzerResult, Statistic, Unit } from '../types';
import type { HistoryComparison, HistoryComparisonRow } from './modelTypes';

/** The baseline analyzer's name; kept here (not taken from the registry) so the report model loads no analyzers. */
export const BASELINE_TOOL = 'compare_etcd_to_baseline';

interface ComparisonSource {
  status: AnalyzerResult['status'];
  summary: string;
  data: Record<string, unknown>;
}

function comparisonSource(results: readonly AnalyzerResult[]): ComparisonSource | undefined {
  const own = results.find((x) => x.tool === BASELINE_TOOL);
  if (own) return { status: own.status, summary: own.summary, data: own.data ?? {} };
  for (const r of results) {
    const c = r.data?.historyComparison;
    if (c && typeof c === 'object') {
      const d = c as Record<string, unknown>;
      return { status: (typeof d.status === 'string' ? d.status : 'partial') as AnalyzerResult['status'], summary: String(d.summary ?? ''), data: d };
    }
  }
  return undefined;
}

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
  const r = comparisonSource(results);
  if (!r) return undefined;
  const d = r.data;
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
