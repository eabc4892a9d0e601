// The one typed message contract between the extension host and the webviews (dashboard view, report panel).
// Both sides import these types; the host validates what a webview sends with the parse* functions,
// because a webview is a separate, less trusted context.
import type { DashboardRange, DashboardState } from '../core/report/dashboardTypes';
import { DASHBOARD_RANGES } from '../core/report/dashboardTypes';
import type { ReportModel } from '../core/report/modelTypes';
import type { HistorySpan, HistoryState } from '../core/report/historyTypes';
import { HISTORY_SPANS } from '../core/report/historyTypes';

export type { DashboardRange, DashboardState, ReportModel };
export { DASHBOARD_RANGES };

// ---- dashboard view -------------------------------------------------------------------------------------
/** Webview → host. `ready` makes the host re-post the last state (the webview may have been re-created). */
export type DashboardToHost =
  | { type: 'ready' }
  | { type: 'setRange'; range: DashboardRange }
  | { type: 'refresh' }
  | { type: 'openReport' }
  | { type: 'configure' }
  | RenderedMessage;

/** Webview → host after each render: what was drawn (lets e2e tests check the real view, and the host log it). */
export interface RenderedMessage {
  type: 'rendered';
  status: string;
  members: number;
  charts: number;
  /** Points handed to the chart library after decimation, over all charts. */
  points: number;
}

/** Host → webview. */
export type HostToDashboard = { type: 'state'; state: DashboardState } | { type: 'loading'; loading: boolean };

// ---- report panel ---------------------------------------------------------------------------------------
export type ReportToHost = { type: 'ready' } | RenderedMessage;

export type HostToReport =
  | { type: 'report'; model: ReportModel }
  | { type: 'reportLoading'; message: string }
  | { type: 'reportError'; message: string; hint?: string };

/** What the report webview keeps with setState, so a reloaded window can re-create the panel. */
export interface ReportPanelState {
  /** The request to re-run on restore (absolute start/end: the same window as before the reload). */
  request?: { start: string; end: string; duration?: string };
  /** The last model, without chart lines (kept small). */
  model?: ReportModel;
  /** True when `model.charts` lost their lines on saving: the host re-runs `request` to draw them again. */
  chartsStripped?: boolean;
}

/** What the dashboard webview keeps with setState. */
export interface DashboardViewState {
  range: DashboardRange;
  /** The last state, without chart lines (the host re-posts the full state on `ready`). */
  state?: DashboardState;
}

// ---- validation of webview → host messages -----------------------------------------------------------------
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isDashboardRange(v: unknown): v is DashboardRange {
  return typeof v === 'string' && (DASHBOARD_RANGES as readonly string[]).includes(v);
}

function parseRendered(raw: Record<string, unknown>): RenderedMessage | undefined {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
  return { type: 'rendered', status: typeof raw.status === 'string' ? raw.status.slice(0, 40) : '', members: n(raw.members), charts: n(raw.charts), points: n(raw.points) };
}

export function parseDashboardMessage(raw: unknown): DashboardToHost | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'rendered':
      return parseRendered(raw);
    case 'ready':
    case 'refresh':
    case 'openReport':
    case 'configure':
      return { type: raw.type };
    case 'setRange':
      return isDashboardRange(raw.range) ? { type: 'setRange', range: raw.range } : undefined;
    default:
      return undefined;
  }
}

export function parseReportMessage(raw: unknown): ReportToHost | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'rendered') return parseRendered(raw);
  return raw.type === 'ready' ? { type: 'ready' } : undefined;
}

// ---- history page (VS Code History view and the browser's /history) ---------------------------------------------
export type { HistoryState, HistorySpan, HistoryRunRow } from '../core/report/historyTypes';
export { HISTORY_SPANS };

/** Webview → host. `pinBaseline` compares the current window with that stored run; `unpinBaseline` drops it. */
export type HistoryToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'setDays'; days: HistorySpan }
  | { type: 'pinBaseline'; runId: number }
  | { type: 'unpinBaseline' }
  | RenderedMessage;

export type HostToHistory = { type: 'historyState'; state: HistoryState } | { type: 'historyLoading'; loading: boolean };

/** What the history webview keeps with setState. */
export interface HistoryViewState {
  days: HistorySpan;
}

export function isHistorySpan(v: unknown): v is HistorySpan {
  return typeof v === 'number' && (HISTORY_SPANS as readonly number[]).includes(v);
}

export function parseHistoryMessage(raw: unknown): HistoryToHost | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'rendered':
      return parseRendered(raw);
    case 'ready':
    case 'refresh':
    case 'unpinBaseline':
      return { type: raw.type };
    case 'setDays':
      return isHistorySpan(raw.days) ? { type: 'setDays', days: raw.days } : undefined;
    case 'pinBaseline':
      return typeof raw.runId === 'number' && Number.isSafeInteger(raw.runId) && raw.runId > 0 ? { type: 'pinBaseline', runId: raw.runId } : undefined;
    default:
      return undefined;
  }
}
