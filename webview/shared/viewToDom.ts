// View tree (src/core/report/view) → DOM nodes for the report panel and the dashboard: the one element walk
// (toElements) with dom.ts's builder, so every string becomes a text node or an attribute value, never HTML,
// and the panel shows the same sections with the same words and hooks as the standalone file.
import type { Block, ReportView } from '../../src/core/report/view/types';
import { elementWalker } from '../../src/core/report/view/toElements';
import { append, el, type Attrs } from './dom';

const walk = elementWalker<HTMLElement>((tag, attrs, kids) => {
  // Tag and attribute names come from the walker (ours); values are set as text by el().
  const node: HTMLElement = el(tag as keyof HTMLElementTagNameMap, attrs as Attrs | null);
  for (const k of kids) append(node, k);
  return node;
});

export function blockNode(b: Block): HTMLElement {
  return walk.block(b);
}

/** The report's nodes (header, table of contents, sections) and the chart grid to draw into, when it has one. */
export function reportViewNodes(v: ReportView): { nodes: HTMLElement[]; chartGrid?: HTMLElement } {
  const nodes = walk.report(v);
  const chartGrid = nodes.map((n) => n.querySelector<HTMLElement>('#chart-grid')).find((g): g is HTMLElement => !!g);
  return { nodes, chartGrid };
}
