// The history page's data (VS Code History view and the browser's /history page): the stored runs over time, one
// chart per key metric across runs with its threshold, and the pinned baseline's comparison. Plain objects built
// from the history store by pure code (buildHistoryState) plus one loader that reads the store (loadHistoryState).
import type { HistoryPort, StoredRunInfo, TrendPoint } from '../history/port';
import type { Statistic, Unit } from '../types';
import type { Thresholds } from '../analysis/thresholds';
import type { ChartSpec } from './modelTypes';
import { KEY_METRICS } from './keyMetrics';
import { levelKeyOf } from '../analyzers/history/metricTraits';
import { truncateText } from '../util/markdownEscape';
import type { HistoryBaseline, HistoryRunRow, HistorySpan, HistoryState, RunVerdict } from './historyTypes';

export * from './historyTypes';

/** The metrics charted over runs: the key metrics that carry a threshold, with the statistic the threshold grades. */
export const HISTORY_CHART_METRICS: readonly { metric: string; title: string; unit: Unit; statistic: Statistic }[] = KEY_METRICS.flatMap((k) => {
  const statistic = k.statistics.find((s) => levelKeyOf(k.metric, s) === k.level) ?? k.statistics[0];
  return [{ metric: k.metric, title: k.title, unit: k.unit, statistic }];
});

const HEADLINE_MAX = 200;

export function runVerdict(r: StoredRunInfo): RunVerdict {
  if (r.status === 'failed') return 'failed';
  if (r.worstSeverity) return r.worstSeverity;
  return r.status === 'ok' ? 'clean' : 'partial';
}

export function runRow(r: StoredRunInfo): HistoryRunRow {
  const summary = (r.summary ?? '').replace(/\s+/g, ' ').trim();
  return { id: r.id, at: r.rangeEnd, tool: r.tool, verdict: runVerdict(r), headline: truncateText(summary || '(no summary stored)', HEADLINE_MAX), findings: r.findings ?? 0 };
}

/** A chart of one metric over runs; undefined when no member has a stored value. */
export function trendChart(def: (typeof HISTORY_CHART_METRICS)[number], byMember: Record<string, TrendPoint[]>, thresholds: Thresholds): ChartSpec | undefined {
  const lines = Object.keys(byMember)
    .sort()
    .map((member) => {
      const pts = byMember[member];
      return { label: member, t: pts.map((p) => Date.parse(p.at)), v: pts.map((p) => (p.value !== null && Number.isFinite(p.value) ? p.value : null)) };
    })
    .filter((l) => l.v.some((v) => v !== null));
  if (!lines.length) return undefined;
  const key = levelKeyOf(def.metric, def.statistic);
  const level = key ? thresholds[key] : undefined;
  return { id: `history_${def.metric}_${def.statistic}`, title: `${def.title} · ${def.statistic} per run`, unit: def.unit, warning: level?.warning, critical: level?.critical, lines };
}

export interface HistoryInputs {
  days: HistorySpan;
  runs: readonly StoredRunInfo[];
  trends: readonly { def: (typeof HISTORY_CHART_METRICS)[number]; byMember: Record<string, TrendPoint[]> }[];
  thresholds: Thresholds;
  baseline?: HistoryBaseline;
  now: Date;
}

export function buildHistoryState(i: HistoryInputs): HistoryState {
  const charts = i.trends.map((t) => trendChart(t.def, t.byMember, i.thresholds)).filter((c): c is ChartSpec => !!c);
  const base = { days: i.days, runs: i.runs.map(runRow), charts, baseline: i.baseline, lastUpdated: i.now.toISOString() };
  if (!i.runs.length) {
    return {
      ...base,
      status: 'empty',
      message: `No stored runs in the last ${i.days} day${i.days > 1 ? 's' : ''}.`,
      hint: 'Run an analysis with history on (the editor records runs by default; the CLI and serve with --history) to build history.',
    };
  }
  return { ...base, status: 'ok', message: `${i.runs.length} stored run${i.runs.length > 1 ? 's' : ''} over the last ${i.days} day${i.days > 1 ? 's' : ''}.` };
}

export function emptyHistoryState(days: HistorySpan, status: 'disabled' | 'error', message: string, hint: string, now = new Date()): HistoryState {
  return { status, days, message, hint, runs: [], charts: [], lastUpdated: now.toISOString() };
}

/** At most this many runs are listed (newest first); charts read every stored value in the span. */
export const HISTORY_LIST_LIMIT = 200;

/** Reads the store for the span (runs + one trend per charted metric) and builds the state; a failed read says so. */
export async function loadHistoryState(
  history: HistoryPort | undefined,
  opts: { days: HistorySpan; thresholds: Thresholds; cluster?: string; baseline?: HistoryBaseline; now?: Date },
): Promise<HistoryState> {
  const now = opts.now ?? new Date();
  if (!history) {
    return emptyHistoryState(opts.days, 'disabled', 'History is off: runs are not stored.', 'Turn on etcdAnalyzer.history (editor) or start serve / the CLI with --history <file>.', now);
  }
  const since = new Date(now.getTime() - opts.days * 86_400_000).toISOString();
  try {
    const [runs, ...trends] = await Promise.all([
      history.runs({ since, cluster: opts.cluster, limit: HISTORY_LIST_LIMIT }),
      ...HISTORY_CHART_METRICS.map((def) => history.trend({ metric: def.metric, statistic: def.statistic, since, cluster: opts.cluster })),
    ]);
    return buildHistoryState({
      days: opts.days,
      runs: runs as StoredRunInfo[],
      trends: HISTORY_CHART_METRICS.map((def, i) => ({ def, byMember: trends[i] as Record<string, TrendPoint[]> })),
      thresholds: opts.thresholds,
      baseline: opts.baseline,
      now,
    });
  } catch (err) {
    return emptyHistoryState(opts.days, 'error', `Reading the history store failed: ${(err as Error)?.message ?? String(err)}`, 'Check the history file; a corrupt file is moved aside on the next open.', now);
  }
}
