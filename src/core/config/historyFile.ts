// Opens the history store named by --history / ETCD_ANALYZER_HISTORY for the CLI and the MCP server, with the
// retention and size cap from ETCD_ANALYZER_HISTORY_RETENTION_DAYS / _MAX_MB (the extension's history settings).
// A store that cannot be opened is logged and skipped: live analyzers still work, history tools say "unavailable".
import type { HistoryPort } from '../history/port';
import type { Logger } from '../util/log';
import { ENV } from './connection';
import { checkFileTarget } from '../util/safePath';

export async function openHistoryFile(file: string | undefined, env: NodeJS.ProcessEnv, log: Logger): Promise<HistoryPort | undefined> {
  if (!file) return undefined;
  try {
    checkFileTarget(file, 'history file');
    // Lazy: sql.js and its WASM load only when history is asked for.
    const { openHistoryStore } = await import('../history/store');
    const store = await openHistoryStore(file, {
      retentionDays: positiveNumber(env, ENV.historyRetentionDays, log),
      maxSizeMB: positiveNumber(env, ENV.historyMaxMB, log),
      log,
    });
    log.info(`history store: ${file}`);
    return store;
  } catch (err) {
    // The analysis still runs and prints; only recording is skipped (a refused path is named with what it is).
    log.warn(`history skipped, runs are not recorded and history tools are unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** Unset → undefined (the store's default); anything but a positive number is named in a warning and ignored. */
function positiveNumber(env: NodeJS.ProcessEnv, name: string, log: Logger): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (Number.isFinite(n) && n > 0) return n;
  log.warn(`${name}="${raw.slice(0, 20)}" is not a positive number; using the default`);
  return undefined;
}
