// Comparison with stored history (from compare_etcd_to_baseline, when it ran) and the appendix: every query sent
// and every query that failed, with the hint of what to do about it.
import type { HistoryComparisonRow, ReportModel } from '../modelTypes';
import { formatValue } from '../../util/units';
import { h, type SafeHtml } from './tags';
import { badge, empty, formatUtc, section, table } from './common';

/** A long comparison (13 metrics × members × 2 statistics) stays readable: regressions always, the rest capped. */
const MAX_HISTORY_ROWS = 60;

const VERDICT_BADGE: Record<HistoryComparisonRow['verdict'], [string, string]> = {
  regression: ['fail', 'regression'],
  improvement: ['pass', 'improvement'],
  unchanged: ['info', 'unchanged'],
  no_data_now: ['no_data', 'no data now'],
  too_few_runs: ['no_data', 'too few runs'],
};

function change(c: number | null): string {
  if (c === null) return '—';
  const pct = Math.round(c * 1000) / 10;
  return `${pct > 0 ? '+' : ''}${pct} %`;
}

function row(r: HistoryComparisonRow): SafeHtml {
  const [kind, text] = VERDICT_BADGE[r.verdict];
  return h(
    'tr',
    { 'data-verdict': r.verdict },
    h('td', null, `${r.metric} ${r.statistic}`),
    h('td', null, r.member),
    h('td', { class: 'num' }, formatValue(r.baseline, r.unit)),
    h('td', { class: 'num' }, formatValue(r.now, r.unit)),
    h('td', { class: 'num' }, change(r.change)),
    h('td', { class: 'num' }, String(r.baselineRuns)),
    h('td', null, badge(kind, text)),
  );
}

export function historyHtml(m: ReportModel): SafeHtml {
  const hc = m.history;
  if (!hc) {
    return section(
      'history',
      'Comparison with history',
      empty('No history comparison: history was off or not available for this run. Enable history and run reports over time to compare with a baseline.'),
    );
  }
  const b = hc.baseline;
  const what = b
    ? b.kind === 'run'
      ? `Baseline: stored run #${b.runId ?? '?'}.`
      : `Baseline: ${b.runs ?? 0} stored run(s) from ${formatUtc(b.since)} to ${formatUtc(b.until)}${hc.tolerance !== undefined ? `; tolerance ${Math.round(hc.tolerance * 100)} %` : ''}.`
    : '';
  const regressions = hc.rows.filter((r) => r.verdict === 'regression');
  const rest = hc.rows.filter((r) => r.verdict !== 'regression');
  const shown = [...regressions, ...rest.slice(0, Math.max(0, MAX_HISTORY_ROWS - regressions.length))];
  return section(
    'history',
    'Comparison with history',
    h('p', null, hc.summary),
    what ? h('p', { class: 'note' }, what) : null,
    shown.length
      ? table(['Metric', 'Member', 'Baseline', 'Now', 'Change', 'Runs', 'Verdict'], shown.map(row))
      : empty(hc.tooFewRuns ? 'Too few stored runs to compare yet.' : 'No values were compared.'),
    shown.length < hc.rows.length ? h('p', { class: 'note' }, `${hc.rows.length - shown.length} unchanged or uncompared value(s) left out.`) : null,
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
    m.queries.length ? h('ol', { class: 'queries' }, ...m.queries.map((q) => h('li', null, h('code', null, q)))) : empty('No queries were recorded.'),
  );
  return section('appendix', 'Appendix', failed, used);
}
