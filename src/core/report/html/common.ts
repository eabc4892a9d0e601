// Pieces every report section uses: section wrapper, badges, tables, time formatting. The labels shared with the
// webview panel (verdicts, severities, evidence lines) are in ../sectionText.
import { h, list, type Child, type SafeHtml } from './tags';

export function badge(kind: string, text: string): SafeHtml {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** A report section: `id` is ours (constant), used by tests and the table of contents. */
export function section(id: string, title: string, ...body: Child[]): SafeHtml {
  return h('section', { class: 'report-section', id, 'aria-labelledby': `${id}-h`, 'data-section': id }, h('h2', { id: `${id}-h` }, title), ...body);
}

export function table(head: string[], rows: SafeHtml[], cls = 'data-table'): SafeHtml {
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', { class: cls }, h('thead', null, h('tr', null, ...head.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', null, list(rows))),
  );
}

export function empty(text: string): SafeHtml {
  return h('p', { class: 'empty' }, text);
}

/** ISO → `2026-11-24 18:01:01 UTC`: the file is read anywhere, so one unambiguous zone. */
export function formatUtc(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
