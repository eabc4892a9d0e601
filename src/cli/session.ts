// One CLI run's engine: connection from flags/env, thresholds file, logger, optional history store.
// Configuration mistakes become CliError(usage) with the message of the part that failed.
import { readFileSync } from 'node:fs';
import type { AnalyzerContext } from '../core/analyzers/types';
import { ConnectionError, resolveConnection, type ResolvedConnection } from '../core/config/connection';
import { createContext } from '../core/context';
import { prepareEngineOptions } from '../core/source/openshift/prepare';
import { SourceError } from '../core/source/types';
import type { HistoryPort } from '../core/history/port';
import { silentLogger, type Logger } from '../core/util/log';
import type { CliArgs } from './args';
import { CliError, EXIT } from './exitCodes';

export interface Session {
  ctx: AnalyzerContext;
  connection: ResolvedConnection;
  close(): Promise<void>;
}

export function stderrLogger(debug: boolean): Logger {
  if (!debug) return { ...silentLogger, warn: (m) => process.stderr.write(`etcd-analyzer: warning: ${m}\n`) };
  const at = (lvl: string) => (m: string) => process.stderr.write(`[${lvl}] ${m}\n`);
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function openSession(args: CliArgs, env: NodeJS.ProcessEnv, log: Logger): Promise<Session> {
  let connection: ResolvedConnection;
  try {
    connection = resolveConnection(args.connection, env);
  } catch (err) {
    if (err instanceof ConnectionError) throw new CliError(EXIT.usage, err.message);
    throw err;
  }
  const thresholds = args.thresholdsFile ? readThresholds(args.thresholdsFile) : undefined;
  const history = await openHistory(connection.historyFile, log);
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

function readThresholds(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CliError(EXIT.usage, `--thresholds ${file}: ${e.code ? `cannot read (${e.code})` : `not valid JSON (${e.message})`}; see README "Thresholds"`);
  }
}

async function openHistory(file: string | undefined, log: Logger): Promise<HistoryPort | undefined> {
  if (!file) return undefined;
  try {
    // Lazy: sql.js and its WASM load only when history is asked for.
    const { openHistoryStore } = await import('../core/history/store');
    return await openHistoryStore(file);
  } catch (err) {
    log.warn(`history file ${file} could not be opened, runs are not recorded: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
