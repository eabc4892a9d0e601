// Renders a ReportModel into the report panel: the same view tree as the standalone file (buildReportView),
// turned into DOM nodes, with the charts drawn into the tree's chart grid.
import type { ReportModel } from '../../src/core/report/modelTypes';
import { buildReportView } from '../../src/core/report/view/reportView';
import { reportViewNodes } from '../shared/viewToDom';
import { el } from '../shared/dom';
import { mountCharts, type ChartHandle } from '../shared/charts';

export interface RenderedReport {
  charts: ChartHandle[];
  destroy(): void;
}

/**
 * Replaces `root`'s content with the report. Charts are drawn once the sections are in the document.
 * `chartsPending`: the model came from saved state without chart lines; say so instead of "no data".
 */
export function renderReport(root: HTMLElement, model: ReportModel, opts: { chartsPending?: boolean } = {}): RenderedReport {
  const { nodes, chartGrid } = reportViewNodes(buildReportView(model));
  root.replaceChildren(...nodes);
  if (!chartGrid) return { charts: [], destroy() {} };
  if (opts.chartsPending) {
    chartGrid.replaceChildren(el('p', { class: 'empty' }, 'Loading charts…'));
    return { charts: [], destroy() {} };
  }
  const charts = mountCharts(chartGrid, model.charts, { start: Date.parse(model.meta.range.start), end: Date.parse(model.meta.range.end) });
  return { charts, destroy: () => charts.forEach((c) => c.destroy()) };
}
