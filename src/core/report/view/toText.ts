// View tree → plain text for a terminal (`etcd-analyzer run`'s default output). The same answer as the chat's
// markdown, laid out for a fixed-width screen: section headings in capitals, tables as aligned columns, list
// children indented under their item. Every string from the tree goes through terminalSafe, so a member called
// `m2\e]0;x\a` cannot retitle the terminal or clear the screen.
import type { AnswerView, Block, Cell, Inline, ListItem, TableRow } from './types';
import { terminalSafe as clean } from '../../util/safeText';
import { columns } from '../../util/columns';

function inlineText(run: Inline): string {
  if (typeof run === 'string') return clean(run);
  switch (run.kind) {
    case 'badge':
      return clean(run.text).toUpperCase();
    case 'mark':
      return run.mark === 'leader' ? ' *' : ' ^';
    default:
      return clean(run.text);
  }
}

const runsText = (runs: readonly Inline[]) => runs.map(inlineText).join('');

function cellText(c: Cell): string {
  const text = c.badge ? clean(c.text).toUpperCase() : clean(c.text);
  return c.outlier ? `${text} ^` : text;
}

function rowText(r: TableRow, withHeader: boolean): string[] {
  return [...(withHeader ? [r.header ? runsText(r.header) : ''] : []), ...r.cells.map(cellText)];
}

function itemLines(item: ListItem, marker: string, indent: string): string[] {
  const inner = `${indent}${' '.repeat(marker.length + 1)}`;
  return [`${indent}${marker} ${runsText(item.runs)}`, ...(item.children ?? []).flatMap((b) => blockLines(b, inner))];
}

/** One block as lines, each starting with `indent`; a heading is preceded by an empty line. */
function blockLines(b: Block, indent = ''): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [`${indent}${runsText(b.runs)}`];
    case 'heading':
      return ['', `${indent}${b.level === 4 ? clean(b.text).toUpperCase() : clean(b.text)}`];
    case 'list':
      return b.items.flatMap((item, i) => itemLines(item, b.ordered ? `${i + 1}.` : '-', indent));
    case 'table': {
      const withHeader = b.rows.some((r) => r.header);
      const head = [...(withHeader ? [''] : []), ...b.columns.map((c) => clean(c).toUpperCase())];
      return columns([head, ...b.rows.map((r) => rowText(r, withHeader))]).map((l) => `${indent}  ${l}`);
    }
    case 'callout':
      return [`${indent}${clean(b.text)}`];
    case 'keyValue':
      return b.items.map((i) => `${indent}${clean(i.key)}: ${clean(i.value)}`);
    case 'charts':
      return [`${indent}${b.charts.length} chart(s) in the report: ${b.charts.map((c) => clean(c.title)).join(', ')}`];
    case 'card':
      return ['', `${indent}${runsText(b.heading)}`, ...b.children.flatMap((c) => blockLines(c, `${indent}  `))];
    case 'group':
      return b.children.flatMap((c) => blockLines(c, indent));
  }
}

/** The answer as terminal text: line 1 is its first block (the diagnosis), no leading or doubled empty lines. */
export function answerText(a: AnswerView): string {
  const lines = a.blocks.flatMap((b) => blockLines(b));
  const out = lines.filter((l, i) => l !== '' || (i > 0 && lines[i - 1] !== ''));
  while (out[0] === '') out.shift();
  return `${out.join('\n')}\n`;
}
