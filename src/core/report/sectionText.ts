// Labels and plain-text pieces of the report sections that both renderers show the same way: the standalone
// HTML file (src/core/report/html, escaped strings) and the webview panel (webview/shared/reportView.ts, DOM
// nodes). Pure and free of node built-ins, so the webview bundles import it too.
import type { Evidence, Severity } from '../types';
import type { MemberCell, Verdict } from './modelTypes';
import { formatValue } from '../util/units';

export const VERDICT_TEXT: Record<Verdict, string> = { pass: 'pass', warn: 'warn', fail: 'fail', no_data: 'no data' };
export const SEVERITY_TEXT: Record<Severity, string> = { critical: 'critical', warning: 'warning', info: 'info' };

/** The summary's count badges, most severe first: [badge kind, text]. */
export function countBadges(counts: Record<Severity, number>): [Severity, string][] {
  return (['critical', 'warning', 'info'] as const).map((s) => [s, `${counts[s]} ${SEVERITY_TEXT[s]}`]);
}

/** A per-member cell's classes (the stylesheets colour by verdict and mark outliers) and its tooltip. */
export function memberCellLook(c: MemberCell): { className: string; title: string | undefined } {
  return { className: `num verdict-${c.verdict}${c.outlier ? ' outlier' : ''}`, title: c.outlier ? 'Outlier: far from the other members' : undefined };
}

/** `wal_fsync_duration: 14.2 ms (threshold 10 ms) [p99, m2, 1h] — note`: one evidence line in plain text. */
export function formatEvidence(e: Evidence): string {
  const threshold = e.threshold !== undefined ? ` (threshold ${formatValue(e.threshold, e.unit)})` : '';
  const where = [e.statistic, e.member, e.window].filter(Boolean).join(', ');
  return `${e.metric}: ${formatValue(e.value, e.unit)}${threshold}${where ? ` [${where}]` : ''}${e.note ? ` — ${e.note}` : ''}`;
}
