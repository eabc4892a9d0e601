// Labels and plain-text pieces of the report sections, one wording for every face: the view builders in ./view
// use them, and so every back-end (HTML file, report panel, markdown). Pure and free of node built-ins, so the
// webview bundles import it too.
import type { Evidence, Severity } from '../types';
import type { HistoryComparison, HistoryComparisonRow, Verdict } from './modelTypes';
import { formatValue } from '../util/units';
import { formatChange } from '../analyzers/history/baselineMath';

export const VERDICT_TEXT: Record<Verdict, string> = { pass: 'pass', warn: 'warn', fail: 'fail', no_data: 'no data' };
export const SEVERITY_TEXT: Record<Severity, string> = { critical: 'critical', warning: 'warning', info: 'info' };

/** The summary's count badges, most severe first: [badge kind, text]. */
export function countBadges(counts: Record<Severity, number>): [Severity, string][] {
  return (['critical', 'warning', 'info'] as const).map((s) => [s, `${counts[s]} ${SEVERITY_TEXT[s]}`]);
}

/** `wal_fsync_duration: 14.2 ms (threshold 10 ms) [p99, m2, 1h] — note`: one evidence line in plain text. */
export function formatEvidence(e: Evidence): string {
  const threshold = e.threshold !== undefined ? ` (threshold ${formatValue(e.threshold, e.unit)})` : '';
  const where = [e.statistic, e.member, e.window].filter(Boolean).join(', ');
  return `${e.metric}: ${formatValue(e.aboveTop ? Number.POSITIVE_INFINITY : e.value, e.unit)}${threshold}${where ? ` [${where}]` : ''}${e.note ? ` — ${e.note}` : ''}`;
}

// ---- comparison with history -----------------------------------------------------------------------------

/** A long comparison (13 metrics × members × 2 statistics) stays readable: regressions always, the rest capped. */
export const MAX_HISTORY_ROWS = 60;

export const HISTORY_COLUMNS = ['Metric', 'Member', 'Baseline', 'Now', 'Change', 'Runs', 'Verdict'];

export const HISTORY_VERDICT_BADGE: Record<HistoryComparisonRow['verdict'], [kind: string, text: string]> = {
  regression: ['fail', 'regression'],
  improvement: ['pass', 'improvement'],
  unchanged: ['info', 'unchanged'],
  no_data_now: ['no_data', 'no data now'],
  too_few_runs: ['no_data', 'too few runs'],
};

export const NO_HISTORY_TEXT =
  'No history comparison: history was off or not available for this run. Enable history and run reports over time to compare with a baseline.';

/** A row's relative change as compare_etcd_to_baseline writes it ("+63 %"); "—" when the value was not compared. */
export function historyChangeText(change: number | null): string {
  return change === null ? '—' : formatChange(change);
}

/** One sentence on what the baseline was ('' when unknown); `time` formats an ISO time the renderer's way. */
export function historyBaselineText(hc: HistoryComparison, time: (iso: string | undefined) => string): string {
  const b = hc.baseline;
  if (!b) return '';
  if (b.kind === 'run') return `Baseline: stored run #${b.runId ?? '?'}.`;
  const tolerance = hc.tolerance !== undefined ? `; tolerance ${Math.round(hc.tolerance * 100)} %` : '';
  return `Baseline: ${b.runs ?? 0} stored run(s) from ${time(b.since)} to ${time(b.until)}${tolerance}.`;
}

/** The rows to show (regressions always, then the others up to MAX_HISTORY_ROWS) and how many were left out. */
export function historyRowsShown(hc: HistoryComparison): { rows: HistoryComparisonRow[]; omitted: number } {
  const regressions = hc.rows.filter((r) => r.verdict === 'regression');
  const rest = hc.rows.filter((r) => r.verdict !== 'regression');
  const rows = [...regressions, ...rest.slice(0, Math.max(0, MAX_HISTORY_ROWS - regressions.length))];
  return { rows, omitted: hc.rows.length - rows.length };
}

/** Why the comparison table is empty. */
export function historyEmptyText(hc: HistoryComparison): string {
  return hc.tooFewRuns ? 'Too few stored runs to compare yet.' : 'No values were compared.';
}
