// One walk of the view tree into elements: the HTML text of the standalone file (toHtml) and the DOM nodes of the
// webviews (webview/shared/viewToDom) differ only in how one element is made, so the markup of every section
// (classes, data-* hooks, marks, placeholders) is written once, here. `make` turns strings into escaped text
// (HTML) or text nodes (DOM); attribute names are ours, values are data the maker escapes or sets as text.
import type { Block, Cell, Inline, ListItem, ReportView, Section, TableRow } from './types';

export type ElementAttrs = Record<string, string | undefined>;
export type Kid<N> = N | string | null;
export type MakeElement<N> = (tag: string, attrs: ElementAttrs | null, kids: readonly Kid<N>[]) => N;

/** Link targets and element ids built from data hold only these (see anchorId); anything else is not linked. */
const SAFE_ANCHOR = /^[A-Za-z0-9_-]+$/;

function withData(data: Record<string, string> | undefined, extra: ElementAttrs = {}): ElementAttrs {
  const out: ElementAttrs = { ...extra };
  for (const [k, v] of Object.entries(data ?? {})) out[`data-${k}`] = v;
  return out;
}

export interface ElementWalker<N> {
  inline(run: Inline): Kid<N>;
  block(b: Block): N;
  section(s: Section): N;
  /** Header, table of contents, then every section in order. */
  report(v: ReportView): N[];
}

export function elementWalker<N>(make: MakeElement<N>): ElementWalker<N> {
  const inline = (run: Inline): Kid<N> => {
    if (typeof run === 'string') return run;
    switch (run.kind) {
      case 'strong':
        return make('strong', null, [run.text]);
      case 'code':
        return make('code', null, [run.text]);
      case 'badge':
        return make('span', { class: `badge badge-${run.tone}` }, [run.text]);
      case 'span':
        return make('span', { class: run.role }, [run.text]);
      case 'link':
        return SAFE_ANCHOR.test(run.target) ? make('a', { href: `#${run.target}` }, [run.text]) : run.text;
      case 'mark':
        return run.mark === 'leader' ? make('span', { class: 'leader-mark', title: 'leader' }, [' ★']) : make('span', { class: 'outlier-mark', 'aria-label': 'outlier' }, [' ▲']);
    }
  };
  const runs = (list: readonly Inline[]): Kid<N>[] => list.map(inline);

  const item = (i: ListItem): N => {
    const body = (i.children ?? []).map(block);
    return make('li', withData(i.data), i.collapsible ? [make('details', null, [make('summary', null, runs(i.runs)), ...body])] : [...runs(i.runs), ...body]);
  };

  const cell = (c: Cell): N => {
    if (c.badge) return make('td', null, [make('span', { class: `badge badge-${c.badge}` }, [c.text])]);
    const cls = [c.numeric ? 'num' : '', c.status ? `verdict-${c.status}` : '', c.outlier ? 'outlier' : ''].filter(Boolean).join(' ');
    return make(
      'td',
      { class: cls || undefined, 'data-outlier': c.outlier ? 'true' : undefined, title: c.outlier ? 'Outlier: far from the other members' : undefined },
      [c.text, c.outlier ? inline({ kind: 'mark', mark: 'outlier' }) : null],
    );
  };

  const row = (r: TableRow): N => make('tr', withData(r.data), [r.header ? make('th', { scope: 'row' }, runs(r.header)) : null, ...r.cells.map(cell)]);

  const chartCard = (c: { id: string; title: string; hasData: boolean }): N =>
    // Placeholders until the chart code (webview/shared/charts.ts) replaces the grid's content with drawn charts.
    make('figure', { class: 'chart-card', 'data-chart': c.id, 'data-empty': c.hasData ? undefined : 'true' }, [
      make('figcaption', null, [c.title]),
      make('p', { class: 'chart-empty' }, [c.hasData ? 'Chart drawn when scripts run.' : 'No data in this range.']),
    ]);

  function block(b: Block): N {
    switch (b.kind) {
      case 'paragraph':
        return make('p', withData(b.data, { class: b.role }), runs(b.runs));
      case 'heading':
        return make(b.level === 4 ? 'h4' : 'h3', null, [b.text]);
      case 'list':
        return make(b.ordered ? 'ol' : 'ul', { class: b.role }, b.items.map(item));
      case 'table':
        return make('div', { class: 'table-wrap' }, [
          make('table', { class: 'data-table' }, [
            make('thead', null, [make('tr', null, b.columns.map((t) => make('th', { scope: 'col' }, [t])))]),
            make('tbody', null, b.rows.map(row)),
          ]),
        ]);
      case 'callout':
        return make('p', { class: 'health-line' }, [
          make('span', { 'data-health': b.health }, [make('span', { class: `badge badge-health-${b.health}` }, [b.health])]),
          ' ',
          make('span', { class: 'headline' }, [b.text]),
        ]);
      case 'keyValue':
        return make('dl', { class: 'meta' }, b.items.flatMap((i) => [make('dt', null, [i.key]), make('dd', null, [i.value])]));
      case 'charts':
        return make('div', { class: 'chart-grid', id: 'chart-grid' }, b.charts.map(chartCard));
      case 'card':
        return make('article', withData(b.data, { class: b.role, id: b.anchor && SAFE_ANCHOR.test(b.anchor) ? b.anchor : undefined }), [
          make('h3', null, runs(b.heading)),
          ...b.children.map(block),
        ]);
      case 'group':
        return make('div', withData(b.data, { class: b.role }), b.children.map(block));
    }
  }

  const section = (s: Section): N =>
    make('section', { class: 'report-section', id: s.id, 'aria-labelledby': `${s.id}-h`, 'data-section': s.id }, [make('h2', { id: `${s.id}-h` }, [s.title]), ...s.children.map(block)]);

  const report = (v: ReportView): N[] => [
    make('header', { class: 'report-header', id: 'header', 'data-section': 'header' }, [
      make('h1', null, [v.title]),
      make('dl', { class: 'meta' }, v.meta.flatMap((i) => [make('dt', null, [i.key]), make('dd', { 'data-field': i.field }, [i.value])])),
    ]),
    make('nav', { class: 'toc', 'aria-label': 'Sections' }, [make('ol', null, v.toc.map((t) => make('li', null, [make('a', { href: `#${t.id}` }, [t.title])])))]),
    ...v.sections.map(section),
  ];

  return { inline, block, section, report };
}
