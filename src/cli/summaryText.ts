// `etcd-analyzer run`'s default output: the lean answer the chat shows (report/view/answerView.ts), through the
// terminal back-end (view/toText.ts). Line 1 names the cause, its member and its evidence; then what to do; then
// every key metric one row each (worst member, target, alert level, verdict). Every metric for every member is `--format table`; the whole result `--format json`.
import type { AnalyzerResult } from '../core/types';
import type { Thresholds } from '../core/analysis/thresholds';
import { buildAnswerView } from '../core/report/view/answerView';
import { answerText } from '../core/report/view/toText';

export function renderSummary(r: AnalyzerResult, thresholds: Thresholds): string {
  const pointer = r.metrics.length
    ? `Every metric for every member (${r.metrics.length} values): --format table; the whole result: --format json; the report with charts: etcd-analyzer report.`
    : 'The whole result: --format json.';
  return answerText(buildAnswerView(r, { thresholds, pointer, keyMetrics: 'all' }));
}
