// The history page's state types (no code beyond the span list), apart from the loader so webview bundles that
// import the message contract pull in no store or metric code.
import type { ChartSpec, HistoryComparison } from './modelTypes';

/** How far back the page looks, in days. */
export const HISTORY_SPANS = [1, 7, 30, 90] as const;
export type HistorySpan = (typeof HISTORY_SPANS)[number];

/** A run's verdict as the list shows it: from its stored findings and status, never "healthy" without a clean run. */
export type RunVerdict = 'critical' | 'warning' | 'info' | 'clean' | 'partial' | 'failed';

export interface HistoryRunRow {
  id: number;
  /** The end of the analysed window (what the run describes), ISO. */
  at: string;
  tool: string;
  verdict: RunVerdict;
  /** The run's summary, clipped to one readable line. */
  headline: string;
  findings: number;
}

export interface HistoryBaseline {
  runId: number;
  status: 'running' | 'done' | 'error';
  comparison?: HistoryComparison;
  message?: string;
}

export interface HistoryState {
  status: 'ok' | 'disabled' | 'empty' | 'error';
  days: HistorySpan;
  message?: string;
  hint?: string;
  runs: HistoryRunRow[];
  /** One chart per key metric that has stored values: one line per member, points at each run's window end. */
  charts: ChartSpec[];
  baseline?: HistoryBaseline;
  lastUpdated: string;
}

