// The standalone HTML report: one self-contained file (inline CSS, the inlined chart bundle, the model as JSON),
// no external URL, a hash-based CSP, light/dark by prefers-color-scheme, and print styles for A4.
// Static sections are rendered here with escaping; only the charts are drawn in the browser (webview/reportFile).
import type { ReportModel } from '../modelTypes';
import { escapeHtml, jsonForScript } from '../../util/html';
import { narrativeSection } from '../narrative';
import { loadReportAssets, type ReportAssets } from './assets';
import { FILE_CSS } from './fileStyles';
import { contentSecurityPolicy, inlineScript, inlineStyle } from './inline';
import { headerHtml, keyMetricsHtml, summaryHtml } from './overview';
import { chartsHtml, membersHtml } from './membersAndCharts';
import { bottlenecksHtml, recommendationsHtml } from './findings';
import { appendixHtml, historyHtml } from './historyAndAppendix';
import { h, type SafeHtml } from './tags';

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

/** Section ids in reading order (tests check every one is present). */
export const REPORT_SECTION_IDS = ['header', 'summary', 'key-metrics', 'members', 'charts', 'bottlenecks', 'recommendations', 'history', 'appendix'] as const;

const TOC: [string, string][] = [
  ['summary', 'Summary'],
  ['key-metrics', 'Key metrics'],
  ['members', 'Members'],
  ['charts', 'Charts'],
  ['bottlenecks', 'Bottlenecks'],
  ['recommendations', 'Recommendations'],
  ['history', 'History'],
  ['appendix', 'Appendix'],
];

function toc(withAi: boolean): SafeHtml {
  const items = withAi ? [TOC[0], ['ai-analysis', 'AI analysis'] as [string, string], ...TOC.slice(1)] : TOC;
  return h('nav', { class: 'toc', 'aria-label': 'Sections' }, h('ol', null, ...items.map(([id, t]) => h('li', null, h('a', { href: `#${id}` }, t)))));
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

  const body = h(
    'main',
    { class: 'report', id: 'report' },
    headerHtml(model, opts.generator ?? 'etcd Performance Analyzer'),
    toc(!!opts.narrative),
    summaryHtml(model),
    opts.narrative?.text.trim() ? narrativeSection(opts.narrative.text, opts.narrative.model) : null,
    keyMetricsHtml(model),
    membersHtml(model),
    chartsHtml(model),
    scriptProblem ? h('p', { class: 'charts-problem', role: 'note' }, `Charts are not included: ${scriptProblem}.`) : null,
    bottlenecksHtml(model),
    recommendationsHtml(model),
    historyHtml(model),
    appendixHtml(model),
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
