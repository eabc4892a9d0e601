// Runs analyzers and streams their markdown into a chat response: progress, failed-query notice (buttons: viewButtons.ts).
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { AnalyzerResult } from '../../core/types';
import { getAnalyzer } from '../../core/analyzers/registry';
import { renderResultMarkdown } from '../../core/report/markdown';
import { escapeMarkdown } from '../../core/util/markdownEscape';
import { describeInvocation } from '../tools/describeInvocation';
import { readSettings } from '../settings';
import { inputFromPrompt } from '../../core/chat/promptInput';

/** Chat answers may be longer than tool results (a human reads them), but not unbounded. */
const CHAT_MAX_CHARS = 12_000;

export interface RunSummary {
  tool: string;
  status: AnalyzerResult['status'];
  findings: number;
  failedQueries: number;
}

export async function streamAnalyzers(
  services: ExtensionServices,
  names: string[],
  prompt: string,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<{ runs: RunSummary[]; results: AnalyzerResult[]; cancelled: boolean }> {
  const runs: RunSummary[] = [];
  const results: AnalyzerResult[] = [];
  const defaultDuration = readSettings().defaultDuration;
  for (const name of names) {
    if (token.isCancellationRequested) break;
    const analyzer = getAnalyzer(name);
    if (!analyzer) {
      stream.markdown(`\n\n_The analyzer \`${escapeMarkdown(name)}\` is not available in this build._\n`);
      continue;
    }
    const input = inputFromPrompt(prompt, Object.keys(analyzer.inputSchema.shape));
    stream.progress(describeInvocation(name, analyzer.title, input, defaultDuration));
    // Bad settings come back as a failed result too (its error names the setting), so nothing to catch here.
    const result = await services.runAnalyzer(name, input, token);
    if (token.isCancellationRequested) break;
    streamResult(stream, result);
    results.push(result);
    runs.push({ tool: name, status: result.status, findings: result.findings.length, failedQueries: result.errors.length });
  }
  const cancelled = token.isCancellationRequested;
  if (cancelled) stream.markdown('\n\n_Cancelled: in-flight Prometheus queries were stopped._\n');
  return { runs, results, cancelled };
}

export function streamResult(stream: vscode.ChatResponseStream, result: AnalyzerResult): void {
  // With a diagnosis the answer comes first (its "Not judged" lines already say what is missing); the failed-query
  // note follows it. Without one, the note comes first so partial numbers are not read as the whole picture.
  const markdown = '\n\n' + renderResultMarkdown(result, { maxChars: CHAT_MAX_CHARS });
  if (result.diagnosis) stream.markdown(markdown);
  if (result.errors.length) {
    // Say up front what is missing, so partial numbers are not read as the whole picture.
    // Input and configuration failures carry no query: no empty `` in the list.
    const names = [...new Set(result.errors.map((e) => e.metric ?? e.query))].filter(Boolean).slice(0, 8).map((n) => `\`${escapeMarkdown(n)}\``);
    stream.markdown(
      `\n\n⚠️ ${result.errors.length} ${result.errors.length === 1 ? 'query' : 'queries'} failed` +
        `${names.length ? ` (${names.join(', ')})` : ''}; ${result.metrics.length ? 'what succeeded is shown below.' : 'no data could be read.'}\n`,
    );
  }
  if (!result.diagnosis) stream.markdown(markdown);
}
