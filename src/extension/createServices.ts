// Builds the ExtensionServices every feature registration receives. Cheap: no network, no WASM, nothing opened.
import * as vscode from 'vscode';
import type { ExtensionServices } from './services';
import type { AnalyzerResult } from '../core/types';
import type { AnalyzerContext } from '../core/analyzers/types';
import { createContext } from '../core/context';
import { prepareEngineOptions } from '../core/source/openshift/prepare';
import { createFileReportWriter } from '../core/report/saveReport';
import { failedResult, fallbackRange, runAnalyzer as runCoreAnalyzer } from '../core/analyzers/runAnalyzer';
import { getAnalyzer } from '../core/analyzers/registry';
import { ProfileConfigError } from '../core/profiles';
import { SourceError } from '../core/source/types';
import { isConfigured, readSettings, SECTION, toEngineOptions } from './settings';
import { getSecret, SECRET_KEYS } from './secrets';
import { channelLogger } from './log';
import { abortSignalFor } from './cancel';
import { lazyHistory } from './history';
import { toolReportFolder } from './reportFolder';
import { thresholdsProblem } from '../core/analysis/thresholdsSchema';

export interface ServicesHandle {
  services: ExtensionServices;
  dispose(): Promise<void>;
}

export function createServices(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ServicesHandle {
  const changed = new vscode.EventEmitter<void>();
  const history = lazyHistory(context.globalStorageUri, context.asAbsolutePath('dist'), log);
  const logger = channelLogger(log);

  const subs = [
    changed,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) changed.fire();
    }),
    context.secrets.onDidChange((e) => {
      if (e.key === SECRET_KEYS.prometheusToken) changed.fire();
    }),
  ];

  // Invalid etcdAnalyzer.thresholds: said once per distinct problem (the valid entries are still used).
  let thresholdsWarned: string | undefined;
  const warnThresholds = (value: unknown) => {
    const problem = thresholdsProblem(value);
    if (!problem || problem === thresholdsWarned) return;
    thresholdsWarned = problem;
    log.warn(`etcdAnalyzer.thresholds: ${problem}`);
    void vscode.window.showWarningMessage(`etcd Analyzer: the setting etcdAnalyzer.thresholds has problems (${problem}); only its valid entries are used.`);
  };

  const services: ExtensionServices = {
    extensionContext: context,
    log,
    isConfigured: () => isConfigured(),
    async createAnalyzerContext(signal, withHistory = true) {
      const s = readSettings();
      warnThresholds(s.thresholds);
      const token = await getSecret(context.secrets, 'prometheusToken');
      // openshift: kubeconfig → Thanos route, token, CA, cluster API; generic passes through untouched.
      const prepared = await prepareEngineOptions({ ...toEngineOptions(s, token), log: logger, signal });
      for (const w of prepared.warnings) log.warn(`${w.message} (${w.hint})`);
      const ctx = createContext({ ...prepared.options, history: withHistory ? await history.get(s) : undefined });
      // The report tool (LM tools, chat) saves its standalone HTML where the report command does.
      ctx.reportWriter = createFileReportWriter(toolReportFolder(context), {
        meta: { cluster: ctx.profile.config.prometheusUrl, profile: s.profile, thresholds: ctx.thresholds },
      });
      return ctx;
    },
    async runAnalyzer(name: string, input: unknown, token?: vscode.CancellationToken, opts?: { record?: boolean }): Promise<AnalyzerResult> {
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
    },
    onDidChangeConnection: changed.event,
  };

  return {
    services,
    async dispose() {
      for (const d of subs) d.dispose();
      await history.close();
    },
  };
}

/** The configured default window applies when the caller names none (tools and chat usually do not). */
function withDefaultDuration(name: string, input: unknown, defaultDuration: string): unknown {
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
  const range = fallbackRange(new Date());
  const title = getAnalyzer(name)?.title ?? name;
  if (err instanceof SourceError) return failedResult(name, title, range, { kind: err.kind, query: err.query, message: err.message, hint: err.hint });
  if (err instanceof ProfileConfigError) {
    return failedResult(name, title, range, { kind: 'bad_input', query: '', message: err.message, hint: `${err.hint} (etcd: Configure Connection)` });
  }
  return undefined;
}
