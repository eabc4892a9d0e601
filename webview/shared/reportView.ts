// Renders a ReportModel into the report panel (webview/report) with the same sections, in the same order, as the
// standalone HTML file (src/core/report/html). Every value from data goes through text nodes (dom.ts), never HTML.
import type { HistoryComparisonRow, KeyMetricRow, MemberCell, ReportModel } from '../../src/core/report/modelTypes';
import {
  countBadges,
  HISTORY_COLUMNS,
  HISTORY_VERDICT_BADGE,
  historyBaselineText,
  historyChangeText,
  historyEmptyText,
  historyRowsShown,
  memberCellLook,
  NO_HISTORY_TEXT,
  SEVERITY_TEXT,
  VERDICT_TEXT,
} from '../../src/core/report/sectionText';
import { el } from './dom';
import { incidentNote, unjudgedLine } from '../../src/core/diagnosis/text';
import { formatEvidence, formatTime, formatValue } from './format';
import { mountCharts, type ChartHandle } from './charts';

function badge(kind: string, text: string): HTMLElement {
  return el('span', { class: `badge badge-${kind}` }, text);
}

function section(id: string, title: string, ...body: (Node | null)[]): HTMLElement {
  return el('section', { class: 'report-section', id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, title), ...body);
}

function table(head: string[], rows: HTMLTableRowElement[], cls = 'data-table'): HTMLElement {
  return el(
    'div',
    { class: 'table-wrap' },
    el('table', { class: cls }, el('thead', null, el('tr', null, ...head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', null, ...rows)),
  );
}

function header(m: ReportModel): HTMLElement {
  const meta = m.meta;
  const items: [string, string | undefined][] = [
    ['Cluster', meta.cluster],
    ['Profile', meta.profile],
    ['Range', meta.range.start ? `${formatTime(meta.range.start)} – ${formatTime(meta.range.end)}${meta.range.duration ? ` (${meta.range.duration})` : ''}` : undefined],
    ['etcd version', meta.etcdVersion],
    ['Generated', formatTime(meta.generatedAt)],
  ];
  return el(
    'header',
    { class: 'report-header' },
    el('h1', null, meta.title),
    el('dl', { class: 'meta' }, ...items.filter(([, v]) => v).flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v as string)])),
  );
}

function summary(m: ReportModel): HTMLElement {
  const s = m.summary;
  const counts = el('p', { class: 'counts' }, ...countBadges(s.counts).flatMap(([kind, text], i) => (i ? [' ', badge(kind, text)] : [badge(kind, text)])));
  const d = s.diagnosis;
  const causes = d?.incidents.filter((i) => i.severity !== 'info').slice(0, 5) ?? [];
  const priorities = causes.length
    ? el(
        'div',
        null,
        el('h3', null, 'Causes, in the order to look at them'),
        el(
          'ol',
          { class: 'priorities incidents' },
          ...causes.map((i) =>
            el(
              'li',
              { 'data-incident': i.id, 'data-severity': i.severity },
              badge(i.severity, i.severity),
              ' ',
              i.headline,
              ' ',
              el('span', { class: 'note' }, incidentNote(i)),
              el('div', { class: 'do' }, `→ ${i.recommendation}`),
            ),
          ),
        ),
      )
    : s.priorities.length
      ? el('div', null, el('h3', null, 'Look at first'), el('ol', { class: 'priorities' }, ...s.priorities.map((p) => el('li', null, p))))
      : null;
  const unjudged = d?.unjudged.length
    ? el('div', { class: 'unjudged' }, el('h3', null, `Not judged (${d.unjudged.length})`), el('ul', null, ...d.unjudged.map((u) => el('li', null, unjudgedLine(u)))))
    : null;
  const analyzers = s.analyzers.length
    ? el(
        'details',
        { class: 'analyzer-summaries' },
        el('summary', null, `Analyzer summaries (${s.analyzers.length})`),
        el('ul', null, ...s.analyzers.map((a) => el('li', null, el('strong', null, a.title), ` [${a.status}] `, a.summary))),
      )
    : null;
  return section(
    'summary',
    'Executive summary',
    el('p', { class: 'health-line' }, badge(`health-${s.health}`, s.health), ' ', el('span', { class: 'headline' }, s.headline)),
    counts,
    priorities,
    unjudged,
    analyzers,
  );
}

function keyMetricRow(r: KeyMetricRow): HTMLTableRowElement {
  return el(
    'tr',
    { 'data-verdict': r.verdict },
    el('td', null, r.title),
    el('td', { class: 'num' }, formatValue(r.value, r.unit)),
    el('td', null, r.member),
    el('td', { class: 'num' }, formatValue(r.warning, r.unit)),
    el('td', { class: 'num' }, formatValue(r.critical, r.unit)),
    el('td', null, badge(r.verdict, VERDICT_TEXT[r.verdict])),
  );
}

function keyMetrics(m: ReportModel): HTMLElement {
  if (!m.keyMetrics.length) return section('key-metrics', 'Key metrics against thresholds', el('p', { class: 'empty' }, 'No metrics were read.'));
  return section(
    'key-metrics',
    'Key metrics against thresholds',
    table(['Metric', 'Worst value', 'Where', 'Target', 'Alert level', 'Verdict'], m.keyMetrics.map(keyMetricRow)),
  );
}

function memberCell(c: MemberCell, unit: Parameters<typeof formatValue>[1]): HTMLTableCellElement {
  const look = memberCellLook(c);
  const td = el('td', { class: look.className, 'data-outlier': c.outlier ? 'true' : undefined, title: look.title }, formatValue(c.value, unit));
  if (c.outlier) td.appendChild(el('span', { class: 'outlier-mark', 'aria-label': 'outlier' }, ' ▲'));
  return td;
}

function members(m: ReportModel): HTMLElement {
  const c = m.members;
  if (!c.rows.length) return section('members', 'Per-member comparison', el('p', { class: 'empty' }, 'No member data.'));
  const rows = c.rows.map((r) =>
    el(
      'tr',
      { 'data-member': r.member },
      el('th', { scope: 'row' }, r.member, r.isLeader ? el('span', { class: 'leader-mark', title: 'leader' }, ' ★') : null, r.healthy === false ? badge('fail', 'unhealthy') : null),
      ...r.cells.map((cell, i) => memberCell(cell, c.columns[i].unit)),
    ),
  );
  return section(
    'members',
    'Per-member comparison',
    table(['Member', ...c.columns.map((col) => col.title)], rows),
    el('p', { class: 'note' }, `▲ outlier: at least ${c.outlierFactor}× the median of the other members. ★ leader.`),
  );
}

function bottlenecks(m: ReportModel): HTMLElement {
  if (!m.bottlenecks.length) return section('bottlenecks', 'Bottleneck analysis', el('p', { class: 'empty' }, 'No bottlenecks found.'));
  const cards = m.bottlenecks.map((b) =>
    el(
      'article',
      { class: `finding severity-${b.severity}`, 'data-finding': b.findingId },
      el('h3', null, badge(b.severity, SEVERITY_TEXT[b.severity]), ' ', b.title),
      el('p', { class: 'where' }, `${b.category} · ${b.member}`),
      b.evidence.length ? el('ul', { class: 'evidence' }, ...b.evidence.map((e) => el('li', null, formatEvidence(e)))) : null,
      b.rootCause ? el('p', null, el('strong', null, 'Root cause: '), b.rootCause) : null,
      b.related.length ? el('p', { class: 'chain' }, el('strong', null, 'Related: '), b.related.join(' → ')) : null,
    ),
  );
  return section('bottlenecks', 'Bottleneck analysis', ...cards);
}

function recommendations(m: ReportModel): HTMLElement {
  if (!m.recommendations.length) return section('recommendations', 'Recommendations', el('p', { class: 'empty' }, 'Nothing to do: no findings.'));
  return section(
    'recommendations',
    'Recommendations',
    el(
      'ol',
      { class: 'recommendations' },
      ...m.recommendations.map((r) =>
        el('li', { 'data-priority': String(r.priority) }, badge(r.severity, SEVERITY_TEXT[r.severity]), ' ', el('span', { class: 'where' }, `${r.category} · ${r.members.join(', ')}`), el('p', null, r.text)),
      ),
    ),
  );
}

function historyRow(r: HistoryComparisonRow): HTMLTableRowElement {
  const [kind, text] = HISTORY_VERDICT_BADGE[r.verdict];
  return el(
    'tr',
    { 'data-verdict': r.verdict },
    el('td', null, `${r.metric} ${r.statistic}`),
    el('td', null, r.member),
    el('td', { class: 'num' }, formatValue(r.baseline, r.unit)),
    el('td', { class: 'num' }, formatValue(r.now, r.unit)),
    el('td', { class: 'num' }, historyChangeText(r.change)),
    el('td', { class: 'num' }, String(r.baselineRuns)),
    el('td', null, badge(kind, text)),
  );
}

function history(m: ReportModel): HTMLElement {
  const hc = m.history;
  if (!hc) return section('history', 'Comparison with history', el('p', { class: 'empty' }, NO_HISTORY_TEXT));
  const what = historyBaselineText(hc, formatTime);
  const { rows, omitted } = historyRowsShown(hc);
  return section(
    'history',
    'Comparison with history',
    el('p', null, hc.summary),
    what ? el('p', { class: 'note' }, what) : null,
    rows.length ? table(HISTORY_COLUMNS, rows.map(historyRow)) : el('p', { class: 'empty' }, historyEmptyText(hc)),
    omitted ? el('p', { class: 'note' }, `${omitted} unchanged or uncompared value(s) left out.`) : null,
  );
}

function appendix(m: ReportModel): HTMLElement {
  const failed = m.failedQueries.length
    ? el(
        'div',
        { class: 'failed-queries' },
        el('h3', null, `Failed queries (${m.failedQueries.length})`),
        el(
          'ul',
          null,
          ...m.failedQueries.map((q) =>
            el('li', null, badge('fail', q.kind), ' ', el('span', null, `${q.tool}${q.metric ? ` · ${q.metric}` : ''}: ${q.message}`), q.hint ? el('p', { class: 'hint' }, q.hint) : null, el('code', null, q.query)),
          ),
        ),
      )
    : el('p', null, 'Every query succeeded.');
  const used = m.queries.length
    ? el('details', null, el('summary', null, `Queries used (${m.queries.length})`), el('ol', { class: 'queries' }, ...m.queries.map((q) => el('li', null, el('code', null, q)))))
    : null;
  return section('appendix', 'Appendix', failed, used);
}

export interface RenderedReport {
  charts: ChartHandle[];
  destroy(): void;
}

/**
 * Replaces `root`'s content with the report. Charts are drawn once the sections are in the document.
 * `chartsPending`: the model came from saved state without chart lines; say so instead of "no data".
 */
export function renderReport(root: HTMLElement, model: ReportModel, opts: { chartsPending?: boolean } = {}): RenderedReport {
  const grid = el('div', { class: 'chart-grid' });
  root.replaceChildren(
    header(model),
    summary(model),
    keyMetrics(model),
    members(model),
    section('charts', 'Charts', grid),
    bottlenecks(model),
    recommendations(model),
    history(model),
    appendix(model),
  );
  const start = Date.parse(model.meta.range.start);
  const end = Date.parse(model.meta.range.end);
  if (opts.chartsPending) {
    grid.appendChild(el('p', { class: 'empty' }, 'Loading charts…'));
    return { charts: [], destroy() {} };
  }
  const charts = mountCharts(grid, model.charts, { start, end });
  return { charts, destroy: () => charts.forEach((c) => c.destroy()) };
}
