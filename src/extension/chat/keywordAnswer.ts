// No language model: say so plainly, pick analyzers by keywords and answer with their results.
import type * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { analyzerNames } from '../../core/analyzers/registry';
import { routeByKeywords } from './keywordRouter';
import { streamAnalyzers } from './streamResults';
import { streamViewButtons } from './viewButtons';
import { reportWindowOf } from './reportWindow';

export async function answerByKeywords(
  services: ExtensionServices,
  reason: string,
  prompt: string,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<vscode.ChatResult> {
  const names = routeByKeywords(prompt, analyzerNames);
  stream.markdown(`${reason} Answering from the analyzers that match your question: ${names.map((n) => `\`${n}\``).join(', ')}.\n`);
  const { runs, results, cancelled } = await streamAnalyzers(services, names, prompt, stream, token);
  if (!cancelled) streamViewButtons(stream, { report: true, window: reportWindowOf(results) });
  return { metadata: { mode: 'keywords', analyzers: names, runs, cancelled } };
}
