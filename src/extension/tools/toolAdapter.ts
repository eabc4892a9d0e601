// One adapter turns any registry analyzer into a vscode.LanguageModelTool (not 15 copies).
import * as vscode from 'vscode';
import { z } from 'zod';
import type { Analyzer } from '../../core/analyzers/types';
import type { ExtensionServices } from '../services';
import { renderResultMarkdown } from '../../core/report/markdown';
import { describeInvocation } from './describeInvocation';
import { readSettings } from '../settings';

/** Model contexts are small: cap tool output well below a typical tool-result budget. */
const DEFAULT_MAX_CHARS = 6000;

export function analyzerTool(analyzer: Analyzer, services: ExtensionServices): vscode.LanguageModelTool<unknown> {
  return {
    prepareInvocation(options) {
      return { invocationMessage: describeInvocation(analyzer.name, analyzer.title, options.input, readSettings().defaultDuration) };
    },
    async invoke(options, token) {
      const parsed = analyzer.inputSchema.safeParse(options.input ?? {});
      if (!parsed.success) {
        // The model reads this message: say what was wrong and what a valid call looks like.
        throw new Error(
          `Invalid input for ${analyzer.name}: ${z.prettifyError(parsed.error).replace(/\n+/g, '; ')}. ` +
            `Valid input: ${JSON.stringify(z.toJSONSchema(analyzer.inputSchema))}`,
        );
      }
      if (!services.isConfigured()) {
        throw new Error(
          'The etcd analyzer has no Prometheus URL configured. Tell the user to run "etcd: Configure Connection" and stop calling etcd tools.',
        );
      }
      const result = await services.runAnalyzer(analyzer.name, options.input ?? {}, token);
      const budget = options.tokenizationOptions?.tokenBudget;
      const maxChars = budget ? Math.max(800, Math.min(DEFAULT_MAX_CHARS, budget * 3)) : DEFAULT_MAX_CHARS;
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(renderResultMarkdown(result, { maxChars }))]);
    },
  };
}
