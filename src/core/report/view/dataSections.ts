// Per-member comparison (outliers marked), chart placeholders, comparison with stored history and the appendix
// (failed queries with what to do, every query sent).
import type { HistoryComparisonRow, ReportModel } from '../modelTypes';
import type { Block, Inline, TableRow } from './types';
import type { Section } from './types';
import { formatValue } from '../../util/units';
import {
  HISTORY_COLUMNS,
  HISTORY_VERDICT_BADGE,
  historyBaselineText,
  historyChangeText,
  historyEmptyText,
  historyRowsShown,
  NO_HISTORY_TEXT,
} from '../sectionText';
import { badge, empty, formatUtc, heading, num, para, section } from './parts';

export function membersSection(m: ReportModel): Section {
  const c = m.members;
  if (!c.rows.length) return section('members', 'Per-member comparison', empty('No member data.'));
  const rows: TableRow[] = c.rows.map((r) => ({
    header: [r.member, ...(r.isLeader ? [{ kind: 'mark', mark: 'leader' } as Inline] : []), ...(r.healthy === false ? [' ', badge('fail', 'unhealthy')] : [])],
    cells: r.cells.map((cell, i) => ({ text: formatValue(cell.value, c.columns[i].unit), numeric: true, status: cell.verdict, outlier: cell.outlier })),
    data: { member: r.member },
  }));
  const outliers = c.rows.reduce((n, r) => n + r.cells.filter((x) => x.outlier).length, 0);
  return section(
    'members',
    'Per-member comparison',
    { kind: 'table', columns: ['Member', ...c.columns.map((col) => col.title)], rows },
    para(`▲ outlier: at least ${c.outlierFactor}× the median of the other members (${outliers} marked). ★ leader. Colours repeat the verdict against the thresholds.`, 'note'),
  );
}

/** `problem`: why the charts cannot be drawn here (the standalone file without its chart bundle). */
export function chartsSection(m: ReportModel, problem?: string): Section {
  const note = problem ? para(`Charts are not included: ${problem}.`, 'charts-problem') : null;
  if (!m.charts.length) return section('charts', 'Charts', empty('No chart data.'), note);
  const charts = m.charts.map((c) => ({ id: c.id, title: c.title, hasData: c.lines.some((l) => l.v.some((y) => y !== null && Number.isFinite(y))) }));
  return section('charts', 'Charts', { kind: 'charts', charts }, note);
}

function historyRow(r: HistoryComparisonRow): TableRow {
  const [tone, text] = HISTORY_VERDICT_BADGE[r.verdict];
  return {
    cells: [
      { text: `${r.metric} ${r.statistic}` },
      { text: r.member },
      num(formatValue(r.baseline, r.unit)),
      num(formatValue(r.now, r.unit)),
      num(historyChangeText(r.change)),
      num(String(r.baselineRuns)),
      { text, badge: tone },
    ],
    data: { verdict: r.verdict },
  };
}

export function historySection(m: ReportModel): Section {
  const hc = m.history;
  if (!hc) return section('history', 'Comparison with history', empty(NO_HISTORY_TEXT));
  const what = historyBaselineText(hc, formatUtc);
  const { rows, omitted } = historyRowsShown(hc);
  return section(
    'history',
    'Comparison with history',
    para(hc.summary),
    what ? para(what, 'note') : null,
    rows.length ? { kind: 'table', columns: HISTORY_COLUMNS, rows: rows.map(historyRow) } : empty(historyEmptyText(hc)),
    omitted ? para(`${omitted} unchanged or uncompared value(s) left out.`, 'note') : null,
  );
}

/**
 * Failed queries with the hint of what to do: in the report's appendix and in every answer that had any.
 * `total`: how many failed when only some are passed (the rest are counted); `withQuery`: show the PromQL text.
 */
export function failedQueriesGroup(failed: ReportModel['failedQueries'], opts: { withQuery?: boolean; total?: number; level?: 3 | 4 } = {}): Block {
  const total = opts.total ?? failed.length;
  const title = heading(`Failed queries (${total})`, opts.level);
  if (!failed.length) return { kind: 'group', role: 'failed-queries', data: { part: 'failed-queries' }, children: [title, para('Every query succeeded.')] };
  const list: Block = {
    kind: 'list',
    ordered: true,
    items: failed.map((q) => ({
      runs: [badge('fail', q.kind), ' ', `${q.tool}${q.metric ? ` · ${q.metric}` : ''}: ${q.message}`],
      children: [q.hint ? para(`What to do: ${q.hint}`, 'hint') : null, opts.withQuery === false ? null : para([{ kind: 'code', text: q.query }])].filter((b): b is Block => !!b),
    })),
  };
  const more = total > failed.length ? [para(`${total - failed.length} more failed quer${total - failed.length === 1 ? 'y' : 'ies'} in the report.`, 'note')] : [];
  return { kind: 'group', role: 'failed-queries', data: { part: 'failed-queries' }, children: [title, list, ...more] };
}

export function appendixSection(m: ReportModel): Section {
  const used: Block = {
    kind: 'group',
    role: 'queries-used',
    data: { part: 'queries' },
    children: [
      heading(`Queries used (${m.queries.length})`),
      m.queries.length ? { kind: 'list', ordered: true, role: 'queries', items: m.queries.map((q) => ({ runs: [{ kind: 'code', text: q }] })) } : empty('No queries were recorded.'),
    ],
  };
  return section('appendix', 'Appendix', failedQueriesGroup(m.failedQueries), used);
}
