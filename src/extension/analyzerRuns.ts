// The engine side of ExtensionServices (createServices.ts): an analyzer context from the settings, secrets and the
// lazily opened history, and one analyzer run with its logging. Loaded with the engine bundle on first use.
import * as vscode from 'vscode';
import type { ExtensionServices } from './services';
import type { AnalyzerResult } from '../core/types';
import type { AnalyzerContext } from '../core/analyzers/types';
import type { LazyHistory } from './history';
import { openEngine } from '../core/engine/openEngine';
import { thresholdsProblem } from '../core/analysis/thresholdsSchema';
import { asEngineConfigError } from '../core/engine/engineError';
import { failedResult, fallbackRange, runAnalyzer as runCoreAnalyzer } from '../core/analyzers/runAnalyzer';
import { getAnalyzer } from '../core/analyzers/registry';
import { readSettings, toEngineOptions } from './settings';
import { getSecret } from './secrets';
import { channelLogger } from './log';
import { abortSignalFor } from './cancel';
import { toolReportFolder } from './reportFolder';

let thresholdsWarned: string | undefined;

/** A setting with problems is said once (not on every dashboard tick); only its valid entries are used. */
function warnThresholdsOnce(value: unknown, log: vscode.LogOutputChannel): void {
  const problem = thresholdsProblem(value);
  if (!problem || problem === thresholdsWarned) return;
  thresholdsWarned = problem;
  log.warn(`etcdAnalyzer.thresholds: ${problem}`);
  void vscode.window.showWarningMessage(`etcd Analyzer: the setting etcdAnalyzer.thresholds has problems (${problem}); only its valid entries are used.`);
}

/** One run's context, opened the one way every face opens the engine; a configuration problem throws EngineConfigError. */
export async function createAnalyzerContext(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  history: LazyHistory,
  signal: AbortSignal | undefined,
  withHistory: boolean,
): Promise<AnalyzerContext> {
  const s = readSettings();
  warnThresholdsOnce(s.thresholds, log);
  const token = await getSecret(context.secrets, 'prometheusToken');
  const opened = await openEngine({
    from: { options: { ...toEngineOptions(s, token), history: withHistory ? await history.get(s) : undefined } },
    log: channelLogger(log),
    signal,
    // The report tool (LM tools, chat) saves its standalone HTML where the report command does.
    reportDir: toolReportFolder(context),
    reportProfile: s.profile,
  });
  if (!opened.ok) throw opened.error;
  return opened.engine.context(signal);
}

export async function runAnalyzerWithContext(
  services: ExtensionServices,
  name: string,
  input: unknown,
  token?: vscode.CancellationToken,
  opts?: { record?: boolean },
): Promise<AnalyzerResult> {
  const { log } = services;
  const s = readSettings();
  const abort = abortSignalFor(token);
  const t0 = Date.now();
  try {
    let ctx: AnalyzerContext;
    try {
      // History is opened only for runs that record: status-bar ticks never load sql.js.
      ctx = await services.createAnalyzerContext(abort.signal, s.historyEnabled && opts?.record !== false);
    } catch (err) {
      const failed = configurationFailure(name, err);
      if (!failed) throw err;
      log.warn(`${name}: ${failed.summary}`);
      return failed;
    }
    // The history cluster key defaults to the profile's URL (for openshift the discovered Thanos route).
    const result = await runCoreAnalyzer(ctx, name, withDefaultDuration(name, input, s.defaultDuration), {
      record: s.historyEnabled && opts?.record !== false,
    });
    log.info(
      `${name}: ${result.status} in ${Date.now() - t0} ms, ${result.metrics.length} metrics, ` +
        `${result.findings.length} findings, ${result.errors.length} failed queries`,
    );
    for (const e of result.errors.slice(0, 20)) log.warn(`${name}: ${e.kind} ${e.metric ?? ''} ${e.query}: ${e.message}`);
    return result;
  } finally {
    abort.dispose();
  }
}

/** The configured default window applies when the caller names none (tools and chat usually do not). */
export function withDefaultDuration(name: string, input: unknown, defaultDuration: string): unknown {
  if (!getAnalyzer(name)?.inputSchema.shape.duration) return input;
  if (input === undefined || input === null) return { duration: defaultDuration };
  if (typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (o.duration !== undefined || o.start !== undefined) return input;
  return { ...o, duration: defaultDuration };
}

/** A bad setting (malformed selector, unknown profile, unreadable kubeconfig) → the failed result every caller already
 *  shows, instead of an exception each of them would have to catch. Anything else is a bug and still throws. */
function configurationFailure(name: string, err: unknown): AnalyzerResult | undefined {
  const e = asEngineConfigError(err);
  if (!e) return undefined;
  const range = fallbackRange(new Date());
  const title = getAnalyzer(name)?.title ?? name;
  if (e.kind === 'source') return failedResult(name, title, range, { kind: e.sourceKind ?? 'unavailable', query: e.query, message: e.message, hint: e.hint });
  return failedResult(name, title, range, { kind: 'bad_input', query: '', message: e.message, hint: `${e.hint ? `${e.hint} ` : ''}(etcd: Configure Connection)` });
}
