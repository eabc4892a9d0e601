// Opens the history store named by --history / ETCD_ANALYZER_HISTORY once at start. A store that cannot be opened
// is logged and skipped: the live analyzers still work, the two history tools then report "unavailable".
import type { HistoryPort } from '../core/history/port';
import type { Logger } from '../core/util/log';

export async function openHistoryFile(file: string | undefined, log: Logger): Promise<HistoryPort | undefined> {
  if (!file) return undefined;
  try {
    // Loaded lazily: sql.js + WASM cost only when history is configured.
    const { openHistoryStore } = await import('../core/history/store');
    const store = await openHistoryStore(file);
    log.info(`history store: ${file}`);
    return store;
  } catch (err) {
    log.error(`history store ${file} could not be opened; history tools will be unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
