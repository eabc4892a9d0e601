// Sidebar dashboard: members table, active findings and time-series charts. Data arrives from the extension
// host as a DashboardState (src/webview-contract/messages.ts); user actions go back as typed messages.
import type { DashboardMember, DashboardCell } from '../../src/core/report/dashboardTypes';
import type { Unit } from '../../src/core/types';
import {
  DASHBOARD_RANGES,
  type DashboardRange,
  type DashboardState,
  type DashboardToHost,
  type DashboardViewState,
  type HostToDashboard,
} from '../../src/webview-contract/messages';
import { getVsCodeApi } from '../shared/vscodeApi';
import { append, button, el } from '../shared/dom';
import { formatClock, formatValue } from '../shared/format';
import { blockNode } from '../shared/viewToDom';
import { findingsListView } from '../../src/core/report/view/findingsList';
import { mountCharts, warmUpCharts, type ChartHandle } from '../shared/charts';
import { onThemeChange } from '../shared/theme';
import { onHostMessage, renderStatePanel, showLoading } from '../shared/hostMessages';

const vscode = getVsCodeApi<DashboardToHost, DashboardViewState>();
let view: DashboardViewState = vscode.getState() ?? { range: '1h' };
let charts: ChartHandle[] = [];
let renders = 0;

const rangeButtons = new Map<DashboardRange, HTMLButtonElement>();
const rangeGroup = el('div', { class: 'range-group', role: 'group', 'aria-label': 'Time range' });
for (const r of DASHBOARD_RANGES) {
  const b = button(r, () => setRange(r), { 'data-range': r });
  rangeButtons.set(r, b);
  rangeGroup.appendChild(b);
}
const refreshButton = button('Refresh', () => vscode.postMessage({ type: 'refresh' }), { class: 'secondary', id: 'refresh' });
const reportButton = button('Open report', () => vscode.postMessage({ type: 'openReport' }), { class: 'secondary', id: 'open-report' });
const statusLine = el('p', { class: 'status-line', id: 'status-line', 'aria-live': 'polite' });
const statePanel = el('div', { class: 'state-panel', id: 'state-panel', role: 'status' });
// The answer first: the diagnosis line (cause, member, evidence) heads the dashboard, above members and charts.
const diagnosisBox = el('section', { id: 'diagnosis', 'aria-label': 'Diagnosis' });
const membersBox = el('section', { id: 'members', 'aria-label': 'Members' });
const findingsBox = el('section', { id: 'findings', 'aria-label': 'Findings' });
const chartGrid = el('div', { class: 'chart-grid', id: 'charts' });
const problemsBox = el('section', { id: 'problems' });

document.body.replaceChildren(
  el('div', { class: 'toolbar' }, rangeGroup, refreshButton, reportButton),
  diagnosisBox,
  statusLine,
  statePanel,
  membersBox,
  findingsBox,
  el('section', { 'aria-label': 'Charts' }, chartGrid),
  problemsBox,
);

function setRange(range: DashboardRange): void {
  view = { ...view, range };
  vscode.setState(view);
  markRange();
  vscode.postMessage({ type: 'setRange', range });
}

function markRange(): void {
  for (const [r, b] of rangeButtons) b.setAttribute('aria-pressed', String(r === view.range));
}

function cell(c: DashboardCell, unit: Unit): HTMLTableCellElement {
  return el('td', { class: `num verdict-${c.verdict}` }, formatValue(c.value, unit));
}

function memberRow(m: DashboardMember): HTMLTableRowElement {
  const health = el('td', { class: `health health-${m.health}`, title: m.healthDetail }, m.health);
  return el(
    'tr',
    { 'data-member': m.name },
    el('th', { scope: 'row' }, m.name, m.isLeader ? el('span', { class: 'leader-mark', title: 'leader', 'aria-label': 'leader' }, ' ★') : null),
    health,
    cell(m.dbSizeBytes, 'bytes'),
    cell(m.dbInUseBytes, 'bytes'),
    cell(m.quotaPercent, 'percent'),
    cell(m.walFsyncP99, 'seconds'),
    cell(m.backendCommitP99, 'seconds'),
    cell(m.peerRttP99, 'seconds'),
    cell(m.cpuPercent, 'percent'),
    cell(m.memoryBytes, 'bytes'),
  );
}

const MEMBER_HEAD = ['Member', 'Health', 'DB size', 'In use', 'Quota', 'WAL fsync p99', 'Commit p99', 'Peer RTT p99', 'CPU', 'Memory'];

function renderMembers(s: DashboardState): void {
  if (!s.members.length) {
    membersBox.replaceChildren();
    return;
  }
  membersBox.replaceChildren(
    el('h2', null, 'Members'),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data-table', id: 'members-table' },
        el('thead', null, el('tr', null, ...MEMBER_HEAD.map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, ...s.members.map(memberRow)),
      ),
    ),
  );
}

function renderFindings(s: DashboardState): void {
  if (s.status !== 'ok') {
    findingsBox.replaceChildren();
    return;
  }
  // One line per finding; the evidence opens on demand (a narrow sidebar cannot show it all).
  const list = blockNode(findingsListView(s.findings, s.diagnosis?.verdict === 'unknown'));
  if (s.findings.length) list.id = 'findings-list';
  findingsBox.replaceChildren(el('h2', null, `Findings (${s.findings.length})`), list);
}

function renderDiagnosis(s: DashboardState): void {
  const d = s.status === 'ok' ? s.diagnosis : undefined;
  if (!d) {
    diagnosisBox.replaceChildren();
    diagnosisBox.removeAttribute('data-verdict');
    return;
  }
  diagnosisBox.setAttribute('data-verdict', d.verdict);
  diagnosisBox.replaceChildren();
  append(
    diagnosisBox,
    el('p', { class: `diagnosis-line verdict-${d.verdict}`, id: 'diagnosis-line' }, d.line),
    d.incidents.length > 1
      ? el('ol', { class: 'incidents' }, ...d.incidents.map((i) => el('li', { 'data-incident': i.id }, el('span', { class: `badge badge-${i.severity}` }, i.severity), ' ', i.headline)))
      : d.incidents.length
        ? el('p', { class: 'hint' }, `→ ${d.incidents[0].recommendation}`)
        : null,
    d.unjudged.length
      ? el('details', { class: 'unjudged' }, el('summary', null, `Not judged (${d.unjudged.length})`), el('ul', null, ...d.unjudged.map((u) => el('li', null, u))))
      : null,
  );
}

function renderProblems(s: DashboardState): void {
  if (!s.problems.length) {
    problemsBox.replaceChildren();
    return;
  }
  problemsBox.replaceChildren(
    el(
      'details',
      { class: 'problems' },
      el('summary', null, `${s.problems.length} quer${s.problems.length === 1 ? 'y' : 'ies'} failed (the rest is shown)`),
      el('ul', null, ...s.problems.map((p) => el('li', null, p.message, p.hint ? el('div', { class: 'hint' }, p.hint) : null))),
    ),
  );
}

const STATE_TITLES: Record<Exclude<DashboardState['status'], 'ok'>, string> = {
  not_configured: 'Not configured',
  unreachable: 'Prometheus unreachable',
  no_data: 'No data',
};

function showState(s: DashboardState): void {
  if (s.status === 'ok') return renderStatePanel(statePanel, s, '');
  const action =
    s.status === 'not_configured'
      ? button('Configure connection', () => vscode.postMessage({ type: 'configure' }), { id: 'configure' })
      : button('Retry', () => vscode.postMessage({ type: 'refresh' }), { id: 'retry' });
  renderStatePanel(statePanel, s, STATE_TITLES[s.status], action);
}

function render(s: DashboardState, chartsPending = false): void {
  charts.forEach((c) => c.destroy());
  charts = [];
  document.body.setAttribute('data-status', s.status);
  statusLine.textContent = s.status === 'ok' ? `${s.message ?? ''} · updated ${formatClock(s.lastUpdated)}` : s.lastUpdated ? `last updated ${formatClock(s.lastUpdated)}` : '';
  showState(s);
  renderDiagnosis(s);
  renderMembers(s);
  renderFindings(s);
  if (chartsPending) {
    chartGrid.replaceChildren(el('p', { class: 'empty' }, 'Loading charts…'));
  } else if (s.status === 'ok') {
    const win = s.window ? { start: Date.parse(s.window.start), end: Date.parse(s.window.end) } : undefined;
    charts = mountCharts(chartGrid, s.charts, win);
  } else {
    chartGrid.replaceChildren();
  }
  renderProblems(s);
  renders++;
  document.body.setAttribute('data-rendered', String(renders));
  vscode.postMessage({
    type: 'rendered',
    status: s.status,
    members: s.members.length,
    charts: charts.length,
    points: charts.reduce((n, c) => n + c.pointsDrawn(), 0),
  });
}

function onMessage(msg: HostToDashboard): void {
  if (msg.type === 'state') {
    // Chart lines are left out of the saved state: they can be megabytes, and the host re-posts them on `ready`.
    view = { range: msg.state.range, state: { ...msg.state, charts: msg.state.charts.map((c) => ({ ...c, lines: [] })) } };
    vscode.setState(view);
    markRange();
    render(msg.state);
  } else if (msg.type === 'loading') {
    showLoading(refreshButton, msg.loading);
  }
}

onHostMessage<HostToDashboard>(onMessage);
onThemeChange(() => charts.forEach((c) => c.applyTheme()));

markRange();
if (view.state) render(view.state, true);
vscode.postMessage({ type: 'ready' });
// Pay Chart.js's start-up while the host queries (after `ready`, so the host starts at once).
setTimeout(() => {
  const t0 = performance.now();
  if (!charts.length) warmUpCharts();
  document.body.setAttribute('data-warm', (performance.now() - t0).toFixed(1));
}, 0);
