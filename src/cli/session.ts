// One CLI run's engine: connection from flags/env, thresholds (file or ETCD_ANALYZER_THRESHOLDS), logger, optional history store.
// Configuration mistakes become CliError(usage) with the message of the part that failed.
import type { AnalyzerContext } from '../core/analyzers/types';
import { ConnectionError, resolveConnection, type ResolvedConnection } from '../core/config/connection';
import { openHistoryFile } from '../core/config/historyFile';
import { readThresholdsInput } from '../core/config/thresholdsInput';
import { createContext } from '../core/context';
import { prepareEngineOptions } from '../core/source/openshift/prepare';
import { SourceError } from '../core/source/types';
import { silentLogger, type Logger } from '../core/util/log';
import type { CliArgs } from './args';
import { CliError, EXIT } from './exitCodes';
import { hintOnceAboutUrlCredentials } from '../core/util/redact';
import { NO_PROMETHEUS } from './historyOnly';
import { terminalSafe } from '../core/util/safeText';

export interface Session {
  ctx: AnalyzerContext;
  connection: ResolvedConnection;
  close(): Promise<void>;
}

export function stderrLogger(debug: boolean): Logger {
  if (!debug) return { ...silentLogger, warn: (m) => process.stderr.write(`etcd-analyzer: warning: ${terminalSafe(m)}\n`) };
  const at = (lvl: string) => (m: string) => process.stderr.write(`[${lvl}] ${terminalSafe(m)}\n`);
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function openSession(args: CliArgs, env: NodeJS.ProcessEnv, log: Logger): Promise<Session> {
  let connection: ResolvedConnection;
  let thresholds: unknown;
  try {
    connection = resolveConnection(args.connection, env, { urlOptional: NO_PROMETHEUS.has(args.tool ?? '') });
    thresholds = readThresholdsInput(args.thresholdsFile, env);
  } catch (err) {
    if (err instanceof ConnectionError) throw new CliError(EXIT.usage, err.message);
    throw err;
  }
  hintOnceAboutUrlCredentials(connection.profile.prometheusUrl, (m) => log.warn(m));
  const history = await openHistoryFile(connection.historyFile, env, log);
  let ctx: AnalyzerContext;
  try {
    const { historyFile: _unused, ...engine } = connection;
    // openshift: kubeconfig → Thanos route, token, CA, cluster API (generic passes through untouched).
    const prepared = await prepareEngineOptions({ ...engine, thresholds, log, history }, env);
    for (const w of prepared.warnings) log.warn(`${w.message} (${w.hint})`);
    ctx = createContext(prepared.options);
  } catch (err) {
    await history?.close();
    if (err instanceof SourceError) throw new CliError(EXIT.source, `${err.message}: ${err.hint}`);
    // ProfileConfigError (malformed selector) carries a hint: a usage error, not a crash.
    const e = err as Error & { hint?: string };
    if (e?.name === 'ProfileConfigError') throw new CliError(EXIT.usage, `${e.message}: ${e.hint ?? ''}`);
    throw err;
  }
  return {
    ctx,
    connection,
    async close() {
      await history?.close().catch((err: Error) => log.warn(`closing history ${connection.historyFile}: ${err.message}`));
    },
  };
}
