// Comparison with stored history (from compare_etcd_to_baseline, when it ran) and the appendix: every query sent
// and every query that failed, with the hint of what to do about it.
import type { HistoryComparisonRow, ReportModel } from '../modelTypes';
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
import { h, list, type SafeHtml } from './tags';
import { badge, empty, formatUtc, section, table } from './common';

function row(r: HistoryComparisonRow): SafeHtml {
  const [kind, text] = HISTORY_VERDICT_BADGE[r.verdict];
  return h(
    'tr',
    { 'data-verdict': r.verdict },
    h('td', null, `${r.metric} ${r.statistic}`),
    h('td', null, r.member),
    h('td', { class: 'num' }, formatValue(r.baseline, r.unit)),
    h('td', { class: 'num' }, formatValue(r.now, r.unit)),
    h('td', { class: 'num' }, historyChangeText(r.change)),
    h('td', { class: 'num' }, String(r.baselineRuns)),
    h('td', null, badge(kind, text)),
  );
}

export function historyHtml(m: ReportModel): SafeHtml {
  const hc = m.history;
  if (!hc) return section('history', 'Comparison with history', empty(NO_HISTORY_TEXT));
  const what = historyBaselineText(hc, formatUtc);
  const { rows, omitted } = historyRowsShown(hc);
  return section(
    'history',
    'Comparison with history',
    h('p', null, hc.summary),
    what ? h('p', { class: 'note' }, what) : null,
    rows.length ? table(HISTORY_COLUMNS, rows.map(row)) : empty(historyEmptyText(hc)),
    omitted ? h('p', { class: 'note' }, `${omitted} unchanged or uncompared value(s) left out.`) : null,
  );
}

export function appendixHtml(m: ReportModel): SafeHtml {
  const failed = m.failedQueries.length
    ? h(
        'div',
        { class: 'failed-queries', 'data-part': 'failed-queries' },
        h('h3', null, `Failed queries (${m.failedQueries.length})`),
        h(
          'ol',
          null,
          ...m.failedQueries.map((q) =>
            h(
              'li',
              null,
              badge('fail', q.kind),
              ' ',
              h('span', null, `${q.tool}${q.metric ? ` · ${q.metric}` : ''}: ${q.message}`),
              q.hint ? h('p', { class: 'hint' }, `What to do: ${q.hint}`) : null,
              h('code', null, q.query),
            ),
          ),
        ),
      )
    : h('div', { class: 'failed-queries', 'data-part': 'failed-queries' }, h('h3', null, 'Failed queries (0)'), h('p', null, 'Every query succeeded.'));
  const used = h(
    'div',
    { class: 'queries-used', 'data-part': 'queries' },
    h('h3', null, `Queries used (${m.queries.length})`),
    m.queries.length ? h('ol', { class: 'queries' }, list(m.queries.map((q) => h('li', null, h('code', null, q))))) : empty('No queries were recorded.'),
  );
  return section('appendix', 'Appendix', failed, used);
}
