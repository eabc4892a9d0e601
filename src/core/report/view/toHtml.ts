// View tree → HTML text for the standalone report file. Built with the escaping element builder (../html/tags):
// every string from the tree is escaped text or an escaped attribute value, never markup.
import type { Block, Cell, Inline, ListItem, ReportView, Section, TableRow } from './types';
import { frag, h, list, type Attrs, type SafeHtml } from '../html/tags';

const SAFE_ANCHOR = /^[A-Za-z0-9_-]+$/;

function dataAttrs(data: Record<string, string> | undefined, extra: Attrs = {}): Attrs {
  const out: Attrs = { ...extra };
  for (const [k, v] of Object.entries(data ?? {})) out[`data-${k}`] = v;
  return out;
}

export function inlineHtml(run: Inline): SafeHtml | string {
  if (typeof run === 'string') return run;
  switch (run.kind) {
    case 'strong':
      return h('strong', null, run.text);
    case 'code':
      return h('code', null, run.text);
    case 'badge':
      return h('span', { class: `badge badge-${run.tone}` }, run.text);
    case 'span':
      return h('span', { class: run.role }, run.text);
    case 'link':
      // Targets are built by anchorId; anything else is shown as plain text rather than linked.
      return SAFE_ANCHOR.test(run.target) ? h('a', { href: `#${run.target}` }, run.text) : run.text;
    case 'mark':
      return run.mark === 'leader' ? h('span', { class: 'leader-mark', title: 'leader' }, ' ★') : h('span', { class: 'outlier-mark', 'aria-label': 'outlier' }, ' ▲');
  }
}

function runsHtml(runs: readonly Inline[]): SafeHtml {
  return frag(...runs.map(inlineHtml));
}

function itemHtml(item: ListItem): SafeHtml {
  const body = list((item.children ?? []).map(blockHtml));
  const content = item.collapsible ? h('details', null, h('summary', null, runsHtml(item.runs)), body) : frag(runsHtml(item.runs), body);
  return h('li', dataAttrs(item.data), content);
}

function cellHtml(c: Cell): SafeHtml {
  if (c.badge) return h('td', null, h('span', { class: `badge badge-${c.badge}` }, c.text));
  const cls = [c.numeric ? 'num' : '', c.status ? `verdict-${c.status}` : '', c.outlier ? 'outlier' : ''].filter(Boolean).join(' ');
  return h(
    'td',
    { class: cls || undefined, 'data-outlier': c.outlier ? 'true' : undefined, title: c.outlier ? 'Outlier: far from the other members' : undefined },
    c.text,
    c.outlier ? inlineHtml({ kind: 'mark', mark: 'outlier' }) : null,
  );
}

function rowHtml(r: TableRow): SafeHtml {
  return h('tr', dataAttrs(r.data), r.header ? h('th', { scope: 'row' }, runsHtml(r.header)) : null, list(r.cells.map(cellHtml)));
}

export function blockHtml(b: Block): SafeHtml {
  switch (b.kind) {
    case 'paragraph':
      return h('p', dataAttrs(b.data, { class: b.role }), runsHtml(b.runs));
    case 'heading':
      return h(b.level === 4 ? 'h4' : 'h3', null, b.text);
    case 'list':
      return h(b.ordered ? 'ol' : 'ul', { class: b.role }, list(b.items.map(itemHtml)));
    case 'table':
      return h(
        'div',
        { class: 'table-wrap' },
        h('table', { class: 'data-table' }, h('thead', null, h('tr', null, list(b.columns.map((t) => h('th', { scope: 'col' }, t))))), h('tbody', null, list(b.rows.map(rowHtml)))),
      );
    case 'callout':
      return h('p', { class: 'health-line' }, h('span', { 'data-health': b.health }, h('span', { class: `badge badge-health-${b.health}` }, b.health)), ' ', h('span', { class: 'headline' }, b.text));
    case 'keyValue':
      return h('dl', { class: 'meta' }, list(b.items.flatMap((i) => [h('dt', null, i.key), h('dd', null, i.value)])));
    case 'charts':
      // Placeholders mirror webview/shared/charts.ts's cards; the chart script replaces the grid's content.
      return h(
        'div',
        { class: 'chart-grid', id: 'chart-grid' },
        list(
          b.charts.map((c) =>
            h(
              'figure',
              { class: 'chart-card', 'data-chart': c.id, 'data-empty': c.hasData ? undefined : 'true' },
              h('figcaption', null, c.title),
              h('p', { class: 'chart-empty' }, c.hasData ? 'Chart drawn when scripts run.' : 'No data in this range.'),
            ),
          ),
        ),
      );
    case 'card':
      return h('article', dataAttrs(b.data, { class: b.role, id: b.anchor && SAFE_ANCHOR.test(b.anchor) ? b.anchor : undefined }), h('h3', null, runsHtml(b.heading)), list(b.children.map(blockHtml)));
    case 'group':
      return h('div', dataAttrs(b.data, { class: b.role }), list(b.children.map(blockHtml)));
  }
}

export function sectionHtml(s: Section): SafeHtml {
  return h('section', { class: 'report-section', id: s.id, 'aria-labelledby': `${s.id}-h`, 'data-section': s.id }, h('h2', { id: `${s.id}-h` }, s.title), list(s.children.map(blockHtml)));
}

export function headerHtml(v: ReportView): SafeHtml {
  return h(
    'header',
    { class: 'report-header', id: 'header', 'data-section': 'header' },
    h('h1', null, v.title),
    h('dl', { class: 'meta' }, list(v.meta.flatMap((i) => [h('dt', null, i.key), h('dd', { 'data-field': i.field }, i.value)]))),
  );
}

export function tocHtml(v: ReportView): SafeHtml {
  return h('nav', { class: 'toc', 'aria-label': 'Sections' }, h('ol', null, list(v.toc.map((t) => h('li', null, h('a', { href: `#${t.id}` }, t.title))))));
}

/** The report's body: header, table of contents, then every section in order. */
export function reportViewHtml(v: ReportView): SafeHtml {
  return frag(headerHtml(v), tocHtml(v), list(v.sections.map(sectionHtml)));
}
