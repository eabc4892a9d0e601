// The standalone HTML report: one self-contained file (inline CSS, the inlined chart bundle, the model as JSON),
// no external URL, a hash-based CSP, light/dark by prefers-color-scheme, and print styles for A4.
// The sections come from the view tree (../view, escaped by toHtml); only the charts are drawn in the browser (webview/reportFile).
import type { ReportModel } from '../modelTypes';
import { escapeHtml, jsonForScript } from '../../util/html';
import { loadReportAssets, type ReportAssets } from './assets';
import { FILE_CSS } from './fileStyles';
import { contentSecurityPolicy, inlineScript, inlineStyle } from './inline';
import { h } from './tags';
import { buildReportView, REPORT_SECTION_IDS } from '../view/reportView';
import { reportViewHtml } from '../view/toHtml';

export { REPORT_SECTION_IDS };

export interface ReportHtmlOptions {
  /** Inline assets to use instead of reading dist/ and media/ (tests, or a face that knows its install folder). */
  assets?: ReportAssets;
  /** Package root holding dist/webview/reportFile.js and media/ (default: found upwards from this module). */
  assetRoot?: string;
  /** An AI narrative to include, labelled with the model that wrote it. */
  narrative?: { text: string; model: string };
  /** Shown in the header, e.g. `etcd-analyzer 0.1.0 (CLI)`. */
  generator?: string;
}

export function renderReportHtml(model: ReportModel, opts: ReportHtmlOptions = {}): string {
  const assets = opts.assets ?? loadReportAssets(opts.assetRoot);
  let script: string | undefined;
  let scriptProblem = assets.scriptProblem;
  try {
    script = assets.script !== undefined ? inlineScript(assets.script) : undefined;
  } catch (err) {
    scriptProblem = (err as Error).message;
  }
  const css = inlineStyle(`${assets.css}\n${FILE_CSS}`);
  const csp = contentSecurityPolicy(script ? [script] : [], [css]);

  const view = buildReportView(model, { generator: opts.generator, narrative: opts.narrative, chartsProblem: scriptProblem });
  const body = h(
    'main',
    { class: 'report', id: 'report' },
    reportViewHtml(view),
    h('footer', { class: 'report-footer' }, 'Self-contained report: works offline; the data is embedded in this file as JSON (#report-data).'),
  );

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${model.meta.title}${model.meta.cluster ? ` — ${model.meta.cluster}` : ''}`)}</title>
<style>${css}</style>
</head>
<body data-health="${escapeHtml(model.summary.health)}">
${body.html}
<script type="application/json" id="report-data">${jsonForScript(model)}</script>
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}
