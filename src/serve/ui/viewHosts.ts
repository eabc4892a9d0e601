// The host side of the browser pages: what the extension does for its webviews (dashboard view, report panel,
// history view), answering the same typed messages (src/webview-contract/messages.ts) over HTTP. One instance per
// serve process, so the dashboard's range and the pinned baseline are shared by the tabs of one server (as the
// editor's workspace state is shared by its views).
import { analyzerFor } from '../../core/analyzers/registry';
import { runAnalyzer } from '../../core/analyzers/runAnalyzer';
import type { AnalyzerResult } from '../../core/types';
import { buildDashboardState, emptyDashboardState } from '../../core/report/dashboardState';
import { buildReportModel } from '../../core/report/model';
import { HistoryHost } from '../../core/report/historyHost';
import type { HistorySpan } from '../../core/report/historyTypes';
import { redactUrl } from '../../core/util/redact';
import { resolveThresholds } from '../../core/analysis/thresholds';
import { isValidDurationText } from './window';
import {
  parseDashboardMessage,
  parseHistoryMessage,
  parseReportMessage,
  type DashboardRange,
  type DashboardState,
  type HostToDashboard,
  type HostToHistory,
  type HostToReport,
} from '../../webview-contract/messages';
import type { ServeDeps } from '../deps';

export type UiView = 'dashboard' | 'report' | 'history';
export const UI_VIEWS: readonly UiView[] = ['dashboard', 'report', 'history'];
export type Post = (msg: HostToDashboard | HostToReport | HostToHistory) => void;

export interface UiHosts {
  /** Validates and handles one message from a page; every reply goes to `post`. False when the message is not valid. */
  handle(view: UiView, raw: unknown, post: Post, opts: { signal: AbortSignal; query: URLSearchParams }): Promise<boolean>;
}

/** Runs an analyzer (tracked like every serve run) without recording it: page refreshes must not fill history. */
function runUnrecorded(deps: ServeDeps, name: string, input: unknown, signal?: AbortSignal): Promise<AnalyzerResult> {
  return deps.runs.track(name, 'request', () => runAnalyzer(deps.engine.context(signal), name, input, { record: false }));
}

async function viewRuns(deps: ServeDeps, duration: string, signal: AbortSignal): Promise<{ deep: AnalyzerResult; status?: AnalyzerResult }> {
  const [deep, status] = await Promise.all([
    runUnrecorded(deps, analyzerFor('dashboard').name, { duration }, signal),
    runUnrecorded(deps, analyzerFor('cluster_status').name, {}, signal).catch((err: unknown) => {
      deps.log.warn(`cluster status for the pages failed: ${String(err)}`);
      return undefined;
    }),
  ]);
  return { deep, status };
}

export function createUiHosts(deps: ServeDeps): UiHosts {
  let range: DashboardRange = '1h';
  let lastDashboard: DashboardState | undefined;
  const memory: { days?: HistorySpan; pinned?: number } = {};
  const cluster = () => (deps.engine.options.profile.prometheusUrl ? redactUrl(deps.engine.options.profile.prometheusUrl) : undefined);
  const thresholds = () => resolveThresholds(deps.engine.options.thresholds);
  const history = new HistoryHost({
    history: async () => deps.engine.history,
    thresholds,
    cluster,
    // The comparison outlives the request that pinned it (its result is kept for the next page load).
    compare: (input) => runUnrecorded(deps, analyzerFor('baseline').name, input),
    memory: { get: () => memory, set: (v) => Object.assign(memory, v) },
    log: (line) => deps.log.warn(line),
  });

  async function refreshDashboard(post: Post, signal: AbortSignal): Promise<void> {
    post({ type: 'loading', loading: true });
    try {
      const runs = await viewRuns(deps, range, signal);
      lastDashboard = buildDashboardState({ range, ...runs, thresholds: thresholds() });
    } catch (err) {
      deps.log.error(`dashboard refresh failed: ${String(err)}`);
      lastDashboard = emptyDashboardState(range, 'unreachable', `Refresh failed: ${err instanceof Error ? err.message : String(err)}`, 'Check the connection flags and the server log.');
    } finally {
      post({ type: 'loading', loading: false });
    }
    post({ type: 'state', state: lastDashboard });
  }

  return {
    async handle(view, raw, post, { signal, query }) {
      if (view === 'dashboard') {
        const msg = parseDashboardMessage(raw);
        if (!msg) return false;
        if (msg.type === 'ready') {
          if (lastDashboard) post({ type: 'state', state: lastDashboard });
          await refreshDashboard(post, signal);
        } else if (msg.type === 'refresh') await refreshDashboard(post, signal);
        else if (msg.type === 'setRange') {
          range = msg.range;
          await refreshDashboard(post, signal);
        }
        // openReport and configure are answered by the page itself (a link to /report; the connection is the server's flags).
        return true;
      }
      if (view === 'report') {
        const msg = parseReportMessage(raw);
        if (!msg) return false;
        if (msg.type !== 'ready') return true;
        const d = query.get('duration');
        const duration = d && isValidDurationText(d) ? d : '1h';
        post({ type: 'reportLoading', message: `Collecting metrics for ${duration}…` });
        try {
          const runs = await viewRuns(deps, duration, signal);
          const model = buildReportModel([runs.deep, ...(runs.status ? [runs.status] : [])], {
            cluster: cluster(),
            profile: deps.engine.options.profile.profile,
            thresholds: thresholds(),
          });
          post({ type: 'report', model });
        } catch (err) {
          deps.log.error(`report page failed: ${String(err)}`);
          post({ type: 'reportError', message: `The report could not be built: ${err instanceof Error ? err.message : String(err)}`, hint: 'See the server log for details.' });
        }
        return true;
      }
      const msg = parseHistoryMessage(raw);
      if (!msg) return false;
      await history.handle(msg, post);
      return true;
    },
  };
}
