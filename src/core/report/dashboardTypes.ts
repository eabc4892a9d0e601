// What the sidebar dashboard shows: one plain-JSON state object the extension posts to the webview.
import type { Evidence, FindingCategory, Severity, Verdict as DiagnosisVerdict } from '../types';
import type { ChartSpec, Verdict } from './modelTypes';

export const DASHBOARD_RANGES = ['15m', '1h', '6h', '24h'] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

/** not_configured: no Prometheus URL; unreachable: nothing could be read; no_data: reachable but empty; ok: data (maybe partial). */
export type DashboardStatus = 'not_configured' | 'unreachable' | 'no_data' | 'ok';

export interface DashboardCell {
  value: number | null;
  verdict: Verdict;
}

export interface DashboardMember {
  /** Data: render as text. */
  name: string;
  /** null = unknown (no etcd endpoints configured and no is_leader metric). */
  isLeader: boolean | null;
  health: 'healthy' | 'unhealthy' | 'unknown';
  healthDetail?: string;
  dbSizeBytes: DashboardCell;
  dbInUseBytes: DashboardCell;
  quotaPercent: DashboardCell;
  walFsyncP99: DashboardCell;
  backendCommitP99: DashboardCell;
  peerRttP99: DashboardCell;
  cpuPercent: DashboardCell;
  memoryBytes: DashboardCell;
}

export interface DashboardFinding {
  id: string;
  severity: Severity;
  category: FindingCategory;
  member: string;
  title: string;
  evidence: Evidence[];
}

export interface DashboardProblem {
  message: string;
  hint?: string;
  query?: string;
}

export interface DashboardState {
  status: DashboardStatus;
  /** Why the state is not ok, in words for the user (plain text). */
  message?: string;
  hint?: string;
  range: DashboardRange;
  /** ISO time of the last successful refresh. */
  lastUpdated?: string;
  /** The analysed window (ISO), so every chart shares one x axis. */
  window?: { start: string; end: string };
  members: DashboardMember[];
  /**
   * The answer first (from the deep drive's diagnosis): the line the header shows, the verdict, the top causes and
   * the signals that could not be judged. Absent when no result carried a diagnosis.
   */
  diagnosis?: DashboardDiagnosis;
  findings: DashboardFinding[];
  charts: ChartSpec[];
  /** Failed queries of a partial refresh (the rest of the data is still shown). */
  problems: DashboardProblem[];
}

export interface DashboardDiagnosis {
  verdict: DiagnosisVerdict;
  /** The first line: cause, member, evidence (or why it cannot be judged). Plain text. */
  line: string;
  incidents: { id: string; severity: Severity; confidence: string; headline: string; recommendation: string }[];
  unjudged: string[];
}
