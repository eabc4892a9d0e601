// The one way every face opens the engine: resolve the connection (flags + ETCD_ANALYZER_* for the CLI, MCP and
// serve; settings + SecretStorage already mapped for the extension), read the thresholds, open the history, prepare
// OpenShift (kubeconfig → Thanos route, token, CA, cluster API), show what could not be set up, build the shared
// source. Configuration problems come back as one EngineConfigError value, never as a face's own exception.
import type { AnalyzerContext } from '../analyzers/types';
import type { QueryError } from '../types';
import type { HistoryPort } from '../history/port';
import type { Logger } from '../util/log';
import { silentLogger } from '../util/log';
import { createContext, type EngineOptions } from '../context';
import { createCollector } from '../collect/collector';
import { resolveConnection, type ConnectionFlags } from '../config/connection';
import { readThresholdsInput } from '../config/thresholdsInput';
import { openHistoryFile } from '../config/historyFile';
import { prepareEngineOptions } from './prepareOpenShift';
import { createFileReportWriter } from '../report/saveReport';
import { hintOnceAboutUrlCredentials, redactUrl } from '../util/redact';
import { asEngineConfigError, EngineConfigError } from './engineError';

/** Where the connection comes from. */
export type EngineSource =
  /** CLI, MCP, serve: flags first, then ETCD_ANALYZER_* variables; the history file they name is opened here. */
  | { flags: ConnectionFlags; thresholdsFile?: string; /** Only history is read: no Prometheus URL needed. */ urlOptional?: boolean }
  /** The extension: settings + SecretStorage, already mapped; its history store is opened by the extension. */
  | { options: EngineOptions };

export interface EngineConfig {
  from: EngineSource;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Cancels OpenShift discovery (and is the default signal of every run). */
  signal?: AbortSignal;
  /** The report tool saves its files here (faces that can write files); unset: it only returns the result. */
  reportDir?: string;
  /** Profile name shown in saved reports when it differs from the profile id (settings label). */
  reportProfile?: string;
}

export interface Engine {
  /** The options after OpenShift preparation (the discovered Prometheus URL for openshift). */
  readonly options: EngineOptions;
  /** What could not be set up but did not stop the engine (e.g. kubeconfig unusable while a URL was given). */
  readonly warnings: readonly QueryError[];
  readonly history?: HistoryPort;
  /** The file history was opened from, when the engine opened it. */
  readonly historyFile?: string;
  /** Target description (URL without credentials), for logs. */
  readonly description: string;
  /** A context for one run: a fresh collector and signal over the engine's one source (its concurrency cap holds across runs). */
  context(signal?: AbortSignal): AnalyzerContext;
  close(): Promise<void>;
}

export type OpenedEngine = { ok: true; engine: Engine } | { ok: false; error: EngineConfigError };

export async function openEngine(config: EngineConfig): Promise<OpenedEngine> {
  const env = config.env ?? process.env;
  const log = config.log ?? silentLogger;
  let options: EngineOptions;
  let historyFile: string | undefined;
  try {
    if ('flags' in config.from) {
      const { historyFile: file, ...resolved } = resolveConnection(config.from.flags, env, { urlOptional: config.from.urlOptional });
      options = { ...resolved, thresholds: readThresholdsInput(config.from.thresholdsFile, env) };
      historyFile = file;
    } else {
      options = config.from.options;
    }
  } catch (err) {
    return failure(err);
  }
  hintOnceAboutUrlCredentials(options.profile.prometheusUrl, (m) => log.warn(m));
  // A history file that cannot be used is skipped with a warning: live analysis still works.
  const history = options.history ?? (await openHistoryFile(historyFile, env, log));
  try {
    const prepared = await prepareEngineOptions({ ...options, history, log, signal: config.signal ?? options.signal }, env);
    for (const w of prepared.warnings) log.warn(`${w.message} (${w.hint})`);
    const base = createContext(prepared.options);
    const reportWriter = config.reportDir
      ? createFileReportWriter(config.reportDir, {
          meta: { cluster: redactUrl(prepared.options.profile.prometheusUrl), profile: config.reportProfile ?? base.profile.id, thresholds: base.thresholds },
        })
      : undefined;
    const engine: Engine = {
      options: prepared.options,
      warnings: prepared.warnings,
      history,
      historyFile: history && historyFile ? historyFile : undefined,
      description: base.source.description,
      context(signal) {
        return { ...base, collector: createCollector(base.source, base.profile, log), signal: signal ?? base.signal, ...(reportWriter ? { reportWriter } : {}) };
      },
      async close() {
        // The history store belongs to whoever opened it: the extension closes its own.
        if (!historyFile || !history) return;
        await history.close().catch((err: Error) => log.warn(`closing history ${historyFile}: ${err.message}`));
      },
    };
    return { ok: true, engine };
  } catch (err) {
    if (historyFile) await history?.close().catch(() => undefined);
    return failure(err);
  }
}

function failure(err: unknown): { ok: false; error: EngineConfigError } {
  const error = asEngineConfigError(err);
  if (!error) throw err;
  return { ok: false, error };
}
