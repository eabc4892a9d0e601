// The standalone report file's only script (inlined by src/core/report/html): reads the report model from the
// <script type="application/json" id="report-data"> block and draws the charts with the same code as the report
// panel. Everything else in the file is static HTML rendered on the server. Follows prefers-color-scheme and
// redraws for printing (light colours, A4-sized charts).
import { Chart } from 'chart.js';
import type { ReportModel } from '../../src/core/report/modelTypes';
import { mountCharts, type ChartHandle } from '../shared/charts';
import { onThemeChange } from '../shared/theme';

/** Chart size on paper: half of an A4 text column (210 mm − 2 × 12 mm margins, two columns) at 96 dpi. */
const PRINT_SIZE = { width: 340, height: 200 };

function readModel(): ReportModel | undefined {
  const block = document.getElementById('report-data');
  if (!block?.textContent) return undefined;
  try {
    return JSON.parse(block.textContent) as ReportModel;
  } catch {
    return undefined;
  }
}

function main(): void {
  const model = readModel();
  const grid = document.getElementById('chart-grid');
  if (!model || !grid) {
    document.body.setAttribute('data-charts', 'missing');
    return;
  }
  const start = Date.parse(model.meta.range.start);
  const end = Date.parse(model.meta.range.end);
  const charts: ChartHandle[] = mountCharts(grid, model.charts, { start, end });
  document.body.setAttribute('data-charts', String(charts.length));

  onThemeChange(() => charts.forEach((c) => c.applyTheme()));

  // Printing: light colours (data-print switches the CSS variables) and a fixed size that fits the A4 grid.
  const toPrint = () => {
    document.body.setAttribute('data-print', '');
    charts.forEach((c) => c.applyTheme());
    for (const c of Object.values(Chart.instances)) c.resize(PRINT_SIZE.width, PRINT_SIZE.height);
  };
  const toScreen = () => {
    document.body.removeAttribute('data-print');
    charts.forEach((c) => c.applyTheme());
    for (const c of Object.values(Chart.instances)) c.resize();
  };
  window.addEventListener('beforeprint', toPrint);
  window.addEventListener('afterprint', toScreen);
}

main();
