// Markdown of one AnalyzerResult for chat, LM tool results, MCP text content and the CLI: the lean answer
// (view/answerView.ts) rendered by the markdown back-end. `maxChars` stays as a last bound for small contexts.
import type { AnalyzerResult } from '../types';
import type { Thresholds } from '../analysis/thresholds';
import type { ReportModel } from './modelTypes';
import { truncateText } from '../util/markdownEscape';
import { buildAnswerView } from './view/answerView';
import { answerMarkdown, reportViewMarkdown } from './view/toMarkdown';
import { buildReportView, type ReportViewOptions } from './view/reportView';

export interface MarkdownOptions {
  /** Upper bound on the output length in characters (default 8,000). */
  maxChars?: number;
  thresholds?: Thresholds;
}

export const DEFAULT_MARKDOWN_MAX_CHARS = 8000;

export function renderResultMarkdown(result: AnalyzerResult, opts: MarkdownOptions = {}): string {
  const maxChars = Math.max(400, opts.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS);
  return truncateText(answerMarkdown(buildAnswerView(result, { thresholds: opts.thresholds })), maxChars);
}

/** The whole report as markdown (the saved .md file, a result opened as a document). */
export function renderReportMarkdown(model: ReportModel, opts: ReportViewOptions = {}): string {
  return reportViewMarkdown(buildReportView(model, opts));
}
