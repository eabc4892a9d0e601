// CSS only the standalone file needs, on top of media/webview.css + media/report.css (which style the sections
// the panel shows too): the no-JS chart placeholders, and print (A4 pages, page breaks, light colours, charts two per row).
export const FILE_CSS = `
.report { max-width: 1100px; }
.chart-card .chart-empty { min-height: 2em; }
.report-footer { margin-top: 2em; color: var(--ea-muted); font-size: 0.85em; }
/* Printing: always light, whatever the screen scheme (the chart script sets data-print before drawing for paper). */
html body[data-print] {
  --ea-fg: #1f2328; --ea-muted: #59636e; --ea-bg: #ffffff; --ea-panel: #ffffff; --ea-grid: rgba(128,128,128,0.3);
  --ea-ok: #1a7f37; --ea-warn: #9a6700; --ea-crit: #cf222e; --ea-info: #0969da;
  --ea-chart-1: #0969da; --ea-chart-2: #bc4c00; --ea-chart-3: #1a7f37; --ea-chart-4: #8250df; --ea-chart-5: #cf222e; --ea-chart-6: #9a6700;
}
@page { size: A4; margin: 12mm; }
@media print {
  html body:not([class*='vscode-']) {
    --ea-fg: #1f2328; --ea-muted: #59636e; --ea-bg: #ffffff; --ea-panel: #ffffff; --ea-border: rgba(128,128,128,0.45);
    --ea-ok: #1a7f37; --ea-warn: #9a6700; --ea-crit: #cf222e; --ea-info: #0969da; --ea-code-bg: #f3f3f3;
    font-size: 10pt; padding: 0; background: #fff; color: #000;
  }
  .report { max-width: none; }
  .toc { display: none; }
  a { color: inherit; text-decoration: none; }
  .report-section { break-inside: auto; }
  h2 { break-after: avoid-page; }
  #charts, #bottlenecks, #appendix { break-before: page; }
  .chart-grid { grid-template-columns: 1fr 1fr; gap: 4mm; }
  .chart-box { height: 55mm; }
  .chart-card, .finding, tr, .chain, .recommendations li { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .data-table th, .data-table td { white-space: normal; }
  code { word-break: break-all; white-space: pre-wrap; }
}
`;
