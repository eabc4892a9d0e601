// View tree → HTML text for the standalone report file: the one element walk (toElements) with the escaping
// element builder (../html/tags), so every string from the tree is escaped text or an escaped attribute value.
import type { Block, ReportView } from './types';
import { h, list, type SafeHtml } from '../html/tags';
import { elementWalker } from './toElements';

const walk = elementWalker<SafeHtml>((tag, attrs, kids) => h(tag, attrs, list(kids)));

export function blockHtml(b: Block): SafeHtml {
  return walk.block(b);
}

/** The report's body: header, table of contents, then every section in order. */
export function reportViewHtml(v: ReportView): SafeHtml {
  return list(walk.report(v));
}
