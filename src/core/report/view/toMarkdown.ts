// View tree → markdown for chat, LM tool results, MCP text, the CLI and the saved .md report. Every string from
// the tree goes through escapeMarkdown (a member called `**x**|y` renders literally and cannot break a table row).
import type { Severity } from '../../types';
import type { AnswerView, Block, Cell, Inline, ListItem, ReportView, Section, TableRow } from './types';
import { escapeMarkdown as esc } from '../../util/markdownEscape';

export const SEVERITY_MARK: Record<Severity, string> = { critical: '🔴', warning: '🟠', info: '🔵' };

export function inlineMarkdown(run: Inline): string {
  if (typeof run === 'string') return esc(run);
  switch (run.kind) {
    case 'strong':
      return `**${esc(run.text)}**`;
    case 'code':
    case 'link':
      return esc(run.text);
    case 'badge': {
      const mark = SEVERITY_MARK[run.tone as Severity];
      return `${mark ? `${mark} ` : ''}**${esc(run.text)}**`;
    }
    case 'span':
      return run.role === 'note' ? `_${esc(run.text)}_` : esc(run.text);
    case 'mark':
      return run.mark === 'leader' ? ' ★' : ' ▲';
  }
}

function runsMd(runs: readonly Inline[]): string {
  return runs.map(inlineMarkdown).join('');
}

/** Lines of a list item's children, indented under its marker. */
function childLines(blocks: readonly Block[], indent: string): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') out.push(`${indent}${runsMd(b.runs)}`);
    else out.push(...blockMarkdown(b).split('\n').filter(Boolean).map((l) => `${indent}${l}`));
  }
  return out;
}

function itemMd(item: ListItem, marker: string): string {
  const indent = ' '.repeat(marker.length + 1);
  const kids = childLines(item.children ?? [], indent);
  // A paragraph under an item continues it on its own line (two trailing spaces = line break).
  return [`${marker} ${runsMd(item.runs)}`, ...kids].join(item.children?.every((c) => c.kind === 'paragraph') ? '  \n' : '\n');
}

function cellMd(c: Cell): string {
  const text = c.badge ? `**${esc(c.text)}**` : esc(c.text);
  return c.outlier ? `${text} ▲` : text;
}

function rowMd(r: TableRow, withHeader: boolean): string {
  const cells = [...(withHeader ? [r.header ? runsMd(r.header) : ''] : []), ...r.cells.map(cellMd)];
  return `| ${cells.join(' | ')} |`;
}

export function blockMarkdown(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.role === 'note' || b.role === 'empty' ? `_${runsMd(b.runs)}_` : runsMd(b.runs);
    case 'heading':
      return `${b.level === 4 ? '####' : '###'} ${esc(b.text)}`;
    case 'list':
      return b.items.map((item, i) => itemMd(item, b.ordered ? `${i + 1}.` : '-')).join('\n');
    case 'table': {
      const withHeader = b.rows.some((r) => r.header);
      return [`| ${b.columns.map(esc).join(' | ')} |`, `|${' --- |'.repeat(b.columns.length)}`, ...b.rows.map((r) => rowMd(r, withHeader))].join('\n');
    }
    case 'callout':
      return `**${esc(b.text)}**`;
    case 'keyValue':
      return b.items.map((i) => `- **${esc(i.key)}:** ${esc(i.value)}`).join('\n');
    case 'charts':
      return `_${esc(`${b.charts.length} chart(s), drawn in the HTML report: ${b.charts.map((c) => c.title).join(', ')}.`)}_`;
    case 'card':
      return [`### ${runsMd(b.heading)}`, ...b.children.map(blockMarkdown)].join('\n\n');
    case 'group':
      return b.children.map(blockMarkdown).join('\n\n');
  }
}

export function sectionMarkdown(s: Section): string {
  return [`## ${esc(s.title)}`, ...s.children.map(blockMarkdown)].join('\n\n');
}

/** The whole report (the saved .md file, a result shown as a document). */
export function reportViewMarkdown(v: ReportView): string {
  const meta = v.meta.map((i) => `- **${esc(i.key)}:** ${esc(i.value)}`).join('\n');
  return `${[`# ${esc(v.title)}`, meta, ...v.sections.map(sectionMarkdown)].join('\n\n')}\n`;
}

export function answerMarkdown(a: AnswerView): string {
  return `${a.blocks.map(blockMarkdown).join('\n\n')}\n`;
}
