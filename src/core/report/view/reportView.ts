// The report's sections, built once from the report model: the standalone HTML file (toHtml), the report panel
// (webview/shared/viewToDom) and the saved markdown (toMarkdown) all render this tree.
import type { ReportModel } from '../modelTypes';
import type { ReportView } from './types';
import { headerMeta, keyMetricsSection, summarySection } from './overviewSections';
import { bottlenecksSection, recommendationsSection } from './findingSections';
import { appendixSection, chartsSection, historySection, membersSection } from './dataSections';
import { narrativeSection } from '../narrative';

export interface ReportViewOptions {
  /** Shown in the header, e.g. `etcd-analyzer 0.1.0 (CLI)`. */
  generator?: string;
  /** An AI narrative to include, labelled with the model that wrote it. */
  narrative?: { text: string; model: string };
  /** Why the charts cannot be drawn where this view is shown (said in the charts section). */
  chartsProblem?: string;
}

/** Section ids in reading order, the header first (tests check every one is present). */
export const REPORT_SECTION_IDS = ['header', 'summary', 'key-metrics', 'members', 'charts', 'bottlenecks', 'recommendations', 'history', 'appendix'] as const;

/** Short names in the table of contents where a section's heading is long. */
const TOC_TITLES: Record<string, string> = {
  summary: 'Summary',
  'ai-analysis': 'AI analysis',
  'key-metrics': 'Key metrics',
  members: 'Members',
  bottlenecks: 'Bottlenecks',
  history: 'History',
};

export function buildReportView(model: ReportModel, opts: ReportViewOptions = {}): ReportView {
  const narrative = opts.narrative?.text.trim() ? narrativeSection(opts.narrative.text, opts.narrative.model) : undefined;
  const sections = [
    summarySection(model),
    ...(narrative ? [narrative] : []),
    keyMetricsSection(model),
    membersSection(model),
    chartsSection(model, opts.chartsProblem),
    bottlenecksSection(model),
    recommendationsSection(model),
    historySection(model),
    appendixSection(model),
  ];
  return {
    title: model.meta.title,
    meta: headerMeta(model, opts.generator ?? 'etcd Performance Analyzer'),
    toc: sections.map((s) => ({ id: s.id, title: TOC_TITLES[s.id] ?? s.title })),
    sections,
  };
}
