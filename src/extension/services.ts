// What feature registrations (chat, tools, commands, webviews, MCP provider) get from activation.
// One object built in extension.ts; each feature file takes it instead of reaching for globals.
import type * as vscode from 'vscode';
import type { AnalyzerContext } from '../core/analyzers/types';
import type { AnalyzerResult } from '../core/types';

export interface ExtensionServices {
  readonly extensionContext: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** True when a Prometheus URL is configured. */
  isConfigured(): boolean;
  /** A fresh per-run context from settings + SecretStorage (lazy: no network until queries run). */
  createAnalyzerContext(signal?: AbortSignal, withHistory?: boolean): Promise<AnalyzerContext>;
  /** Runs one analyzer by name with raw input; records history when enabled (unless `record: false`); never throws for data problems. */
  runAnalyzer(name: string, input: unknown, token?: vscode.CancellationToken, opts?: { record?: boolean }): Promise<AnalyzerResult>;
  /** What is wrong with threshold overrides, or undefined (core/analysis/thresholdsSchema.ts; loads the engine). */
  thresholdsProblem(overrides: unknown): string | undefined;
  /** Fires when etcdAnalyzer.* settings or secrets change. */
  readonly onDidChangeConnection: vscode.Event<void>;
}
