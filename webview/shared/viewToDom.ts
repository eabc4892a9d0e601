// View tree (src/core/report/view) → DOM nodes for the report panel and the dashboard. Every string from the tree
// becomes a text node or an attribute value through dom.ts, never HTML; the same tree gives the standalone file
// its HTML text (toHtml), so the panel and the file show the same sections with the same words.
import type { Block, Cell, Inline, ListItem, ReportView, Section, TableRow } from '../../src/core/report/view/types';
import { append, el, type Attrs } from './dom';

const SAFE_ANCHOR = /^[A-Za-z0-9_-]+$/;

function dataAttrs(data: Record<string, string> | undefined, extra: Attrs = {}): Attrs {
  const out: Attrs = { ...extra };
  for (const [k, v] of Object.entries(data ?? {})) out[`data-${k}`] = v;
  return out;
}

export function inlineNode(run: Inline): Node | string {
  if (typeof run === 'string') return run;
  switch (run.kind) {
    case 'strong':
      return el('strong', null, run.text);
    case 'code':
      return el('code', null, run.text);
    case 'badge':
      return el('span', { class: `badge badge-${run.tone}` }, run.text);
    case 'span':
      return el('span', { class: run.role }, run.text);
    case 'link':
      return SAFE_ANCHOR.test(run.target) ? el('a', { href: `#${run.target}` }, run.text) : run.text;
    case 'mark':
      return run.mark === 'leader' ? el('span', { class: 'leader-mark', title: 'leader' }, ' ★') : el('span', { class: 'outlier-mark', 'aria-label': 'outlier' }, ' ▲');
  }
}

function runs(parent: HTMLElement, list: readonly Inline[]): HTMLElement {
  append(parent, ...list.map(inlineNode));
  return parent;
}

function itemNode(item: ListItem, hooks: DomHooks): HTMLLIElement {
  const li = el('li', dataAttrs(item.data));
  const body = (item.children ?? []).map((b) => blockNode(b, hooks));
  if (item.collapsible) li.appendChild(el('details', null, runs(el('summary'), item.runs), ...body));
  else append(runs(li, item.runs), ...body);
  return li;
}

function cellNode(c: Cell): HTMLTableCellElement {
  if (c.badge) return el('td', null, el('span', { class: `badge badge-${c.badge}` }, c.text));
  const cls = [c.numeric ? 'num' : '', c.status ? `verdict-${c.status}` : '', c.outlier ? 'outlier' : ''].filter(Boolean).join(' ');
  return el(
    'td',
    { class: cls || undefined, 'data-outlier': c.outlier ? 'true' : undefined, title: c.outlier ? 'Outlier: far from the other members' : undefined },
    c.text,
    c.outlier ? inlineNode({ kind: 'mark', mark: 'outlier' }) : null,
  );
}

function rowNode(r: TableRow): HTMLTableRowElement {
  return el('tr', dataAttrs(r.data), r.header ? runs(el('th', { scope: 'row' }), r.header) : null, ...r.cells.map(cellNode));
}

/** Where the caller draws what the tree only names: the chart grid (charts are drawn by webview/shared/charts.ts). */
export interface DomHooks {
  chartGrid?: HTMLElement;
}

export function blockNode(b: Block, hooks: DomHooks = {}): HTMLElement {
  switch (b.kind) {
    case 'paragraph':
      return runs(el('p', dataAttrs(b.data, { class: b.role })), b.runs);
    case 'heading':
      return el(b.level === 4 ? 'h4' : 'h3', null, b.text);
    case 'list':
      return el(b.ordered ? 'ol' : 'ul', { class: b.role }, ...b.items.map((i) => itemNode(i, hooks)));
    case 'table':
      return el(
        'div',
        { class: 'table-wrap' },
        el('table', { class: 'data-table' }, el('thead', null, el('tr', null, ...b.columns.map((t) => el('th', { scope: 'col' }, t)))), el('tbody', null, ...b.rows.map(rowNode))),
      );
    case 'callout':
      return el('p', { class: 'health-line' }, el('span', { 'data-health': b.health }, el('span', { class: `badge badge-health-${b.health}` }, b.health)), ' ', el('span', { class: 'headline' }, b.text));
    case 'keyValue':
      return el('dl', { class: 'meta' }, ...b.items.flatMap((i) => [el('dt', null, i.key), el('dd', null, i.value)]));
    case 'charts': {
      // Placeholders until the chart code replaces the grid's content with the drawn charts.
      const grid = el(
        'div',
        { class: 'chart-grid', id: 'chart-grid' },
        ...b.charts.map((c) =>
          el(
            'figure',
            { class: 'chart-card', 'data-chart': c.id, 'data-empty': c.hasData ? undefined : 'true' },
            el('figcaption', null, c.title),
            el('p', { class: 'chart-empty' }, c.hasData ? 'Chart drawn when scripts run.' : 'No data in this range.'),
          ),
        ),
      );
      hooks.chartGrid = grid;
      return grid;
    }
    case 'card':
      return el(
        'article',
        dataAttrs(b.data, { class: b.role, id: b.anchor && SAFE_ANCHOR.test(b.anchor) ? b.anchor : undefined }),
        runs(el('h3'), b.heading),
        ...b.children.map((c) => blockNode(c, hooks)),
      );
    case 'group':
      return el('div', dataAttrs(b.data, { class: b.role }), ...b.children.map((c) => blockNode(c, hooks)));
  }
}

export function sectionNode(s: Section, hooks: DomHooks = {}): HTMLElement {
  return el('section', { class: 'report-section', id: s.id, 'aria-labelledby': `${s.id}-h`, 'data-section': s.id }, el('h2', { id: `${s.id}-h` }, s.title), ...s.children.map((b) => blockNode(b, hooks)));
}

/** The report's nodes (header, table of contents, sections) and the chart grid to draw into. */
export function reportViewNodes(v: ReportView): { nodes: HTMLElement[]; chartGrid?: HTMLElement } {
  const hooks: DomHooks = {};
  const header = el(
    'header',
    { class: 'report-header', id: 'header', 'data-section': 'header' },
    el('h1', null, v.title),
    el('dl', { class: 'meta' }, ...v.meta.flatMap((i) => [el('dt', null, i.key), el('dd', { 'data-field': i.field }, i.value)])),
  );
  const toc = el('nav', { class: 'toc', 'aria-label': 'Sections' }, el('ol', null, ...v.toc.map((t) => el('li', null, el('a', { href: `#${t.id}` }, t.title)))));
  const sections = v.sections.map((s) => sectionNode(s, hooks));
  return { nodes: [header, toc, ...sections], chartGrid: hooks.chartGrid };
}
