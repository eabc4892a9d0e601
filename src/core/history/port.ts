// What analyzers need from the history store (implemented in src/core/history/, sql.js).
import type { AnalyzerResult, Statistic } from '../types';

export interface TrendPoint {
  runId: number;
  at: string; // ISO
  value: number | null;
}

export interface TrendQuery {
  metric: string;
  statistic?: Statistic;
  member?: string;
  since?: string; // ISO
  until?: string; // ISO
  cluster?: string;
  /** Only the values of this stored run (a baseline run picked by id). */
  runId?: number;
}

export interface StoredRunInfo {
  id: number;
  startedAt: string;
  tool: string;
  cluster: string;
  profile: string;
  rangeStart: string;
  rangeEnd: string;
  /** The run's result status, its summary and how many findings it stored (with the worst severity): the history page's run list. */
  status?: string;
  summary?: string;
  findings?: number;
  worstSeverity?: 'critical' | 'warning' | 'info';
}

export interface HistoryPort {
  /** Stores a finished analyzer result; returns the run id once it is durable. */
  record(result: AnalyzerResult, meta: { cluster: string; profile: string }): Promise<number>;
  /**
   * Per-member points of a metric statistic over stored runs (raw + daily aggregates), oldest first.
   * Keys are member names (`m1 {"label":"v"}` when the metric has key labels); runId ≤ 0 marks a daily aggregate.
   */
  trend(q: TrendQuery): Promise<Record<string, TrendPoint[]>>;
  /** Newest first (by the end of the analysed window). `id` picks one run. */
  runs(filter?: { since?: string; until?: string; tool?: string; cluster?: string; limit?: number; id?: number }): Promise<StoredRunInfo[]>;
  close(): Promise<void>;
}
