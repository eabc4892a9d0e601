// Report panel: renders the ReportModel the host posts; keeps it with setState so a reloaded window can
// show it again at once (the host re-posts fresh data after `ready`).
import type { HostToReport, ReportPanelState, ReportToHost } from '../../src/webview-contract/messages';
import { getVsCodeApi } from '../shared/vscodeApi';
import { el } from '../shared/dom';
import { renderReport, type RenderedReport } from './render';
import { warmUpCharts } from '../shared/charts';
import { onThemeChange } from '../shared/theme';

const vscode = getVsCodeApi<ReportToHost, ReportPanelState>();
let saved: ReportPanelState = vscode.getState() ?? {};
let current: RenderedReport | undefined;
let renders = 0;
const root = el('main', { class: 'report', id: 'report' });
document.body.replaceChildren(root);

function showMessage(kind: 'loading' | 'error', message: string, hint?: string): void {
  current?.destroy();
  current = undefined;
  document.body.setAttribute('data-status', kind);
  root.replaceChildren(el('div', { class: 'state-panel', 'data-state': kind, role: 'status' }, el('p', { class: 'state-message' }, message), hint ? el('p', { class: 'hint' }, hint) : null));
}

function show(model: NonNullable<ReportPanelState['model']>, chartsPending = false): void {
  current?.destroy();
  current = renderReport(root, model, { chartsPending });
  document.body.setAttribute('data-status', 'ok');
  renders++;
  document.body.setAttribute('data-rendered', String(renders));
  vscode.postMessage({
    type: 'rendered',
    status: 'ok',
    members: model.members.rows.length,
    charts: current.charts.length,
    points: current.charts.reduce((n, c) => n + c.pointsDrawn(), 0),
  });
}

window.addEventListener('message', (e: MessageEvent) => {
  const msg = e.data as HostToReport | undefined;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'report') {
    const m = msg.model;
    // Saved without chart lines (they can be megabytes); after a reload the host re-runs the same window for them.
    const lean = { ...m, charts: m.charts.map((c) => ({ ...c, lines: [] })) };
    saved = { model: lean, chartsStripped: true, request: { start: m.meta.range.start, end: m.meta.range.end, duration: m.meta.range.duration } };
    vscode.setState(saved);
    show(m);
  } else if (msg.type === 'reportLoading') {
    if (!current) showMessage('loading', msg.message);
  } else if (msg.type === 'reportError') {
    showMessage('error', msg.message, msg.hint);
  }
});
onThemeChange(() => current?.charts.forEach((c) => c.applyTheme()));

if (saved.model) show(saved.model, !!saved.chartsStripped);
else showMessage('loading', 'Collecting metrics…');
vscode.postMessage({ type: 'ready' });
// Pay Chart.js's start-up while the host queries (after `ready`, so the host starts at once).
setTimeout(() => {
  const t0 = performance.now();
  if (!current?.charts.length) warmUpCharts();
  document.body.setAttribute('data-warm', (performance.now() - t0).toFixed(1));
}, 0);
