// History page (VS Code History view, and serve's /history in a browser): stored runs over time, one chart per key
// metric across runs with its threshold, and a pinned baseline run compared with the current window. Data arrives
// as a HistoryState (src/webview-contract/messages.ts); user actions go back as typed messages.
import {
  HISTORY_SPANS,
  type HistorySpan,
  type HistoryState,
  type HistoryToHost,
  type HistoryViewState,
  type HostToHistory,
} from '../../src/webview-contract/messages';
import type { HistoryRunRow } from '../../src/core/report/historyTypes';
import type { HistoryComparisonRow } from '../../src/core/report/modelTypes';
import { getVsCodeApi } from '../shared/vscodeApi';
import { append, button, el } from '../shared/dom';
import { formatClock, formatTime, formatValue } from '../shared/format';
import { mountCharts, type ChartHandle } from '../shared/charts';
import { onThemeChange } from '../shared/theme';
import { onHostMessage, renderStatePanel, showLoading } from '../shared/hostMessages';

const vscode = getVsCodeApi<HistoryToHost, HistoryViewState>();
let view: HistoryViewState = vscode.getState() ?? { days: 30 };
let charts: ChartHandle[] = [];
let renders = 0;

const spanButtons = new Map<HistorySpan, HTMLButtonElement>();
const spanGroup = el('div', { class: 'range-group', role: 'group', 'aria-label': 'History span' });
for (const d of HISTORY_SPANS) {
  const b = button(`${d}d`, () => setDays(d), { 'data-days': String(d), 'aria-label': `last ${d} day${d > 1 ? 's' : ''}` });
  spanButtons.set(d, b);
  spanGroup.appendChild(b);
}
const refreshButton = button('Refresh', () => vscode.postMessage({ type: 'refresh' }), { class: 'secondary', id: 'refresh' });
const statusLine = el('p', { class: 'status-line', id: 'status-line', 'aria-live': 'polite' });
const statePanel = el('div', { class: 'state-panel', id: 'state-panel', role: 'status' });
const baselineBox = el('section', { id: 'baseline', 'aria-label': 'Baseline comparison' });
const chartGrid = el('div', { class: 'chart-grid', id: 'history-charts' });
const runsBox = el('section', { id: 'runs', 'aria-label': 'Stored runs' });

document.body.replaceChildren(
  el('div', { class: 'toolbar' }, spanGroup, refreshButton),
  statusLine,
  statePanel,
  baselineBox,
  el('section', { 'aria-label': 'Metrics over runs' }, el('h2', null, 'Key metrics over runs'), chartGrid),
  runsBox,
);

function setDays(days: HistorySpan): void {
  view = { days };
  vscode.setState(view);
  markSpan();
  vscode.postMessage({ type: 'setDays', days });
}

function markSpan(): void {
  for (const [d, b] of spanButtons) b.setAttribute('aria-pressed', String(d === view.days));
}

const VERDICT_TEXT: Record<HistoryRunRow['verdict'], string> = {
  critical: 'critical',
  warning: 'warning',
  info: 'info',
  clean: 'no findings',
  partial: 'partial',
  failed: 'failed',
};
const VERDICT_BADGE: Record<HistoryRunRow['verdict'], string> = {
  critical: 'badge-critical',
  warning: 'badge-warning',
  info: 'badge-info',
  clean: 'badge-pass',
  partial: 'badge-no_data',
  failed: 'badge-fail',
};

function runRow(r: HistoryRunRow, pinned: number | undefined): HTMLTableRowElement {
  const isPinned = r.id === pinned;
  const pin = isPinned
    ? button('Unpin', () => vscode.postMessage({ type: 'unpinBaseline' }), { class: 'secondary', 'aria-label': `Unpin run ${r.id} as baseline` })
    : button('Pin as baseline', () => vscode.postMessage({ type: 'pinBaseline', runId: r.id }), { class: 'secondary', 'aria-label': `Pin run ${r.id} as baseline` });
  return el(
    'tr',
    { 'data-run': String(r.id), class: isPinned ? 'pinned' : undefined },
    el('td', { class: 'num' }, r.id),
    el('td', null, formatTime(r.at)),
    el('td', null, r.tool),
    el('td', null, el('span', { class: `badge ${VERDICT_BADGE[r.verdict]}` }, VERDICT_TEXT[r.verdict])),
    el('td', { class: 'num' }, r.findings),
    el('td', { class: 'headline', title: r.headline }, r.headline),
    el('td', null, pin),
  );
}

function renderRuns(s: HistoryState): void {
  if (!s.runs.length) {
    runsBox.replaceChildren();
    return;
  }
  const pinned = s.baseline?.runId;
  runsBox.replaceChildren(
    el('h2', null, `Runs (${s.runs.length})`),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data-table', id: 'runs-table' },
        el('caption', { class: 'visually-hidden' }, 'Stored analysis runs, newest first'),
        el('thead', null, el('tr', null, ...['Run', 'Window end', 'Tool', 'Verdict', 'Findings', 'Headline', 'Baseline'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, ...s.runs.map((r) => runRow(r, pinned))),
      ),
    ),
  );
}

const CHANGE_VERDICT: Record<HistoryComparisonRow['verdict'], string> = {
  regression: 'worse',
  improvement: 'better',
  unchanged: 'unchanged',
  no_data_now: 'no data now',
  too_few_runs: 'too few runs',
};

function comparisonRow(r: HistoryComparisonRow): HTMLTableRowElement {
  const change = r.change === null ? '—' : `${r.change >= 0 ? '+' : '−'}${Math.abs(r.change * 100).toFixed(0)} %`;
  return el(
    'tr',
    { 'data-verdict': r.verdict },
    el('th', { scope: 'row' }, `${r.metric} ${r.statistic}`),
    el('td', null, r.member),
    el('td', { class: 'num' }, formatValue(r.baseline, r.unit)),
    el('td', { class: 'num' }, formatValue(r.now, r.unit)),
    el('td', { class: `num ${r.verdict === 'regression' ? 'verdict-fail' : ''}` }, change),
    el('td', null, CHANGE_VERDICT[r.verdict]),
  );
}

function renderBaseline(s: HistoryState): void {
  const b = s.baseline;
  if (!b) {
    baselineBox.replaceChildren(el('p', { class: 'hint' }, 'Pin a run below as the baseline to compare the current window with it.'));
    baselineBox.removeAttribute('data-baseline');
    return;
  }
  baselineBox.setAttribute('data-baseline', b.status);
  baselineBox.replaceChildren();
  const title = el('h2', null, `Baseline: run ${b.runId}`);
  if (b.status === 'running') {
    append(baselineBox, title, el('p', { class: 'status-line' }, 'Comparing the current window with this run…'));
    return;
  }
  const c = b.comparison;
  append(
    baselineBox,
    title,
    el('p', { class: `baseline-summary ${c && c.regressions ? 'verdict-fail' : ''}`, id: 'baseline-summary' }, c?.summary || b.message || ''),
    button('Unpin', () => vscode.postMessage({ type: 'unpinBaseline' }), { class: 'secondary', id: 'unpin' }),
    c && c.rows.length
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'data-table', id: 'baseline-table' },
            el('thead', null, el('tr', null, ...['Metric', 'Member', 'Baseline', 'Now', 'Change', 'Verdict'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', null, ...c.rows.slice(0, 40).map(comparisonRow)),
          ),
        )
      : null,
  );
}

const STATE_TITLES: Record<Exclude<HistoryState['status'], 'ok'>, string> = {
  disabled: 'History is off',
  empty: 'No stored runs',
  error: 'History unavailable',
};

function showState(s: HistoryState): void {
  renderStatePanel(statePanel, s, s.status === 'ok' ? '' : STATE_TITLES[s.status]);
}

function render(s: HistoryState): void {
  charts.forEach((c) => c.destroy());
  charts = [];
  document.body.setAttribute('data-status', s.status);
  statusLine.textContent = `${s.message ?? ''} · updated ${formatClock(s.lastUpdated)}`;
  showState(s);
  renderBaseline(s);
  if (s.charts.length) charts = mountCharts(chartGrid, s.charts, undefined, { alwaysGuides: true, points: true });
  else chartGrid.replaceChildren(el('p', { class: 'empty' }, s.status === 'ok' ? 'No key metric has stored values in this span.' : ''));
  renderRuns(s);
  renders++;
  document.body.setAttribute('data-rendered', String(renders));
  vscode.postMessage({ type: 'rendered', status: s.status, members: 0, charts: charts.length, points: charts.reduce((n, c) => n + c.pointsDrawn(), 0) });
}

function onMessage(msg: HostToHistory): void {
  if (msg.type === 'historyState') {
    view = { days: msg.state.days };
    vscode.setState(view);
    markSpan();
    render(msg.state);
  } else if (msg.type === 'historyLoading') {
    showLoading(refreshButton, msg.loading);
  }
}

onHostMessage<HostToHistory>(onMessage);
onThemeChange(() => charts.forEach((c) => c.applyTheme()));

markSpan();
statusLine.textContent = 'Loading stored runs…';
vscode.postMessage({ type: 'ready' });
