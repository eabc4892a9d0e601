// Per-member comparison (outliers marked) and the chart section. Charts are drawn in the browser from the embedded
// JSON (webview/reportFile); the server renders one placeholder card per chart, so the layout and the "no data"
// notes exist even where scripts do not run (e.g. a mail preview).
import type { MemberCell, ReportModel } from '../modelTypes';
import type { Unit } from '../../types';
import { formatValue } from '../../util/units';
import { frag, h, list, type SafeHtml } from './tags';
import { badge, empty, section, table } from './common';
import { memberCellLook } from '../sectionText';

function memberCell(c: MemberCell, unit: Unit): SafeHtml {
  const look = memberCellLook(c);
  return h(
    'td',
    { class: look.className, 'data-outlier': c.outlier ? 'true' : undefined, title: look.title },
    formatValue(c.value, unit),
    c.outlier ? h('span', { class: 'outlier-mark', 'aria-label': 'outlier' }, ' ▲') : null,
  );
}

export function membersHtml(m: ReportModel): SafeHtml {
  const c = m.members;
  if (!c.rows.length) return section('members', 'Per-member comparison', empty('No member data.'));
  const rows = c.rows.map((r) =>
    h(
      'tr',
      { 'data-member': r.member },
      h(
        'th',
        { scope: 'row' },
        r.member,
        r.isLeader ? h('span', { class: 'leader-mark', title: 'leader' }, ' ★') : null,
        r.healthy === false ? frag(' ', badge('fail', 'unhealthy')) : null,
      ),
      ...r.cells.map((cell, i) => memberCell(cell, c.columns[i].unit)),
    ),
  );
  const outliers = c.rows.reduce((n, r) => n + r.cells.filter((x) => x.outlier).length, 0);
  return section(
    'members',
    'Per-member comparison',
    table(['Member', ...c.columns.map((col) => col.title)], rows),
    h(
      'p',
      { class: 'note' },
      `▲ outlier: at least ${c.outlierFactor}× the median of the other members (${outliers} marked). ★ leader. Colours repeat the verdict against the thresholds.`,
    ),
  );
}

function hasData(lines: ReportModel['charts'][number]['lines']): boolean {
  return lines.some((l) => l.v.some((y) => y !== null && Number.isFinite(y)));
}

export function chartsHtml(m: ReportModel): SafeHtml {
  if (!m.charts.length) return section('charts', 'Charts', empty('No chart data.'));
  // Placeholders mirror webview/shared/charts.ts's cards; the browser bundle replaces the grid's content.
  const cards = m.charts.map((c) =>
    h(
      'figure',
      { class: 'chart-card', 'data-chart': c.id, 'data-empty': hasData(c.lines) ? undefined : 'true' },
      h('figcaption', null, c.title),
      h('p', { class: 'chart-empty' }, hasData(c.lines) ? 'Chart drawn when scripts run.' : 'No data in this range.'),
    ),
  );
  return section('charts', 'Charts', h('div', { class: 'chart-grid', id: 'chart-grid' }, list(cards)));
}
