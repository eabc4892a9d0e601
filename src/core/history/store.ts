// The history store: one SQLite file (sql.js, in memory) shared by every editor window and CLI run of a user.
//
// Concurrency choice — a lock file, plus reload-on-change, rather than merge-on-write alone:
// sql.js persists by rewriting the whole file, so two processes that each hold a copy would overwrite each
// other's runs. Every write therefore happens under `<file>.lock` (O_EXCL create; a lock whose pid is dead or
// that is older than 30 s is broken, see fileLock.ts). Under the lock the writer compares the file's identity
// (inode, size, mtime) with what it last read; if another process wrote meanwhile it reloads the file first,
// then inserts its pending runs, then writes. Run ids are assigned under the lock, so they are unique across
// processes, and nothing is ever merged row by row. Merge-on-write without a lock still races (two writers
// read, both rename); with the lock, a write is a short critical section (export + fsync, ~100 ms at 50 MB).
//
// Durability: record() batches (a short debounce) and resolves only after the batch's file is fsynced and
// renamed into place and the directory fsynced (atomicWrite.ts). "Acknowledged" therefore means durable.
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnalyzerResult } from '../types';
import type { HistoryPort, StoredRunInfo, TrendPoint, TrendQuery } from './port';
import type { Database } from './sqlite';
import { loadSqlJs, scalar } from './sqlite';
import { applyConnectionPragmas, schemaVersion } from './schema';
import { insertRun, type KeyCache, type PendingRun } from './recordRun';
import { queryRuns, queryTrend, DAY_MS, type RunFilter } from './queries';
import { applyRetention, oldestRawRun, usedBytes, type RetentionReport } from './retention';
import { writeFileAtomic, removeOrphanTemps } from './atomicWrite';
import { withFileLock } from './fileLock';
import { CorruptHistoryError, loadFile, moveAside, openBytes, sameIdentity, statIdentity, type FileIdentity } from './loadFile';
import { silentLogger, type Logger } from '../util/log';

export interface HistoryStoreOptions {
  /** Raw runs are kept this many days, then folded into daily aggregates. Default 30. */
  retentionDays?: number;
  /** Size cap of the file in MB; the oldest data is thinned first. Default 50. */
  maxSizeMB?: number;
  /** Batching window for record(); each record still resolves only once durable. Default 25 ms. */
  debounceMs?: number;
  log?: Logger;
  /** Directory holding sql-wasm.wasm when it is neither beside the bundle nor in node_modules. */
  wasmDir?: string;
  now?: () => Date;
}

export interface HistoryStats {
  file: string;
  fileBytes: number;
  usedBytes: number;
  schemaVersion: number;
  runs: number;
  aggregateDays: number;
  oldestRun?: string;
  newestRun?: string;
  /** Duration of the last export + atomic write (ms), when this store wrote. */
  lastPersistMs?: number;
}

export interface HistoryStore extends HistoryPort {
  readonly file: string;
  /** Writes pending records now (resolves when durable). */
  flush(): Promise<void>;
  /** Applies retention and the size cap now, and persists. */
  maintain(): Promise<RetentionReport>;
  stats(): Promise<HistoryStats>;
  runs(filter?: RunFilter): Promise<StoredRunInfo[]>;
}

interface Waiting extends PendingRun {
  resolve(id: number): void;
  reject(err: unknown): void;
}

/** Fold when the oldest raw run is this far past the retention age: retention runs in batches, not every write. */
const RETENTION_SLACK_MS = 3_600_000;

export async function openHistoryStore(file: string, opts: HistoryStoreOptions = {}): Promise<HistoryStore> {
  const log = opts.log ?? silentLogger;
  const now = opts.now ?? (() => new Date());
  const retentionDays = Math.max(1, opts.retentionDays ?? 30);
  const maxBytes = Math.max(0.01, opts.maxSizeMB ?? 50) * 1024 * 1024;
  const debounceMs = Math.max(0, opts.debounceMs ?? 25);
  const lockPath = `${file}.lock`;
  const lockOpts = { log };

  mkdirSync(dirname(file), { recursive: true });
  const SQL = await loadSqlJs(opts.wasmDir);
  removeOrphanTemps(file);

  let db: Database;
  let identity: FileIdentity | undefined;
  /** Set when memory may differ from disk in a way a stat cannot show (a failed write): reload before use. */
  let stale = false;
  const keyCache: KeyCache = new Map();
  let lastPersistMs: number | undefined;

  /** Loads the file; a corrupt one is re-checked and moved aside under the lock (a writer may be replacing it). */
  async function load(): Promise<void> {
    let loaded;
    try {
      loaded = await loadFile(SQL, file);
    } catch (err) {
      if (!(err instanceof CorruptHistoryError)) throw err;
      loaded = await withFileLock(
        lockPath,
        async () => {
          try {
            return await loadFile(SQL, file);
          } catch (again) {
            if (!(again instanceof CorruptHistoryError)) throw again;
            await moveAside(file, again.message, log);
            return { ...openBytes(SQL), identity: undefined };
          }
        },
        lockOpts,
      );
    }
    if (loaded.migratedFrom && loaded.migratedFrom < schemaVersion(loaded.db)) {
      log.info(`history: migrated ${file} from schema v${loaded.migratedFrom} to v${schemaVersion(loaded.db)} (written at the next save)`);
    }
    if (db) db.close();
    db = loaded.db;
    identity = loaded.identity;
    keyCache.clear();
    stale = false;
  }

  /** Another process wrote the file since we read it (or our last write failed): read it again. */
  async function syncFromDisk(): Promise<void> {
    if (stale || !sameIdentity(identity, await statIdentity(file))) await load();
  }

  await load();

  // Everything that touches `db` runs one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const p = queue.then(fn, fn);
    queue = p.catch(() => undefined);
    return p;
  }

  let closed = false;
  let pending: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;

  /** Inserts a batch, applies retention when due, writes the file. Runs under the lock; caller is `serial`. */
  async function persist(batch: PendingRun[], forceRetention: boolean): Promise<{ ids: number[]; retention?: RetentionReport }> {
    return withFileLock(
      lockPath,
      async () => {
        await syncFromDisk();
        let ids: number[] = [];
        let retention: RetentionReport | undefined;
        try {
          if (batch.length) {
            db.exec('BEGIN');
            try {
              ids = batch.map((run) => insertRun(db, run, keyCache));
              db.exec('COMMIT');
            } catch (err) {
              db.exec('ROLLBACK');
              keyCache.clear(); // it may name keys the rollback removed
              throw err;
            }
          }
          const t = now().getTime();
          const oldest = oldestRawRun(db);
          const due = oldest !== undefined && oldest < t - retentionDays * DAY_MS - RETENTION_SLACK_MS;
          if (forceRetention || due || usedBytes(db) > maxBytes) {
            keyCache.clear(); // thinning may delete keys
            retention = applyRetention(db, { now: t, retentionDays, maxBytes });
            if (retention.foldedRuns || retention.droppedAggregateDays) {
              log.info(
                `history: retention folded ${retention.foldedRuns} runs into daily aggregates, dropped ${retention.droppedAggregateDays} aggregate days (${retention.bytesBefore} → ${retention.bytesAfter} bytes)`,
              );
            }
          }
          const t0 = performance.now();
          const bytes = db.export(); // sql.js reopens the database here: connection pragmas must be set again
          applyConnectionPragmas(db);
          await writeFileAtomic(file, bytes);
          lastPersistMs = performance.now() - t0;
          identity = await statIdentity(file);
        } catch (err) {
          stale = true; // memory may now hold rows the file does not: reload from disk before the next use
          throw err;
        }
        return { ids, retention };
      },
      lockOpts,
    );
  }

  function flushPending(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (!batch.length) return queue.then(() => undefined);
    return serial(async () => {
      try {
        const { ids } = await persist(batch, false);
        batch.forEach((w, i) => w.resolve(ids[i]));
      } catch (err) {
        const e = new Error(`history: ${batch.length} run(s) could not be saved to ${file}: ${(err as Error).message}`);
        log.error(e.message);
        batch.forEach((w) => w.reject(e));
      }
    });
  }

  const closedError = () => Promise.reject(new Error(`the history store (${file}) is closed`));

  const store: HistoryStore = {
    file,
    record(result: AnalyzerResult, meta: { cluster: string; profile: string }): Promise<number> {
      if (closed) return closedError();
      return new Promise<number>((resolve, reject) => {
        pending.push({ uuid: randomUUID(), result, meta, startedAt: now().getTime(), resolve, reject });
        timer ??= setTimeout(() => void flushPending(), debounceMs);
      });
    },
    trend(q: TrendQuery): Promise<Record<string, TrendPoint[]>> {
      if (closed) return closedError();
      return serial(async () => {
        await syncFromDisk();
        return queryTrend(db, q);
      });
    },
    runs(filter?: RunFilter): Promise<StoredRunInfo[]> {
      if (closed) return closedError();
      return serial(async () => {
        await syncFromDisk();
        return queryRuns(db, filter);
      });
    },
    flush: () => flushPending(),
    async maintain(): Promise<RetentionReport> {
      if (closed) return closedError();
      await flushPending();
      return serial(async () => (await persist([], true)).retention!);
    },
    stats(): Promise<HistoryStats> {
      if (closed) return closedError();
      return serial(async () => {
        await syncFromDisk();
        const first = scalar(db, 'SELECT min(range_end) FROM runs');
        const last = scalar(db, 'SELECT max(range_end) FROM runs');
        let fileBytes = 0;
        try {
          fileBytes = statSync(file).size;
        } catch {
          /* not written yet */
        }
        return {
          file,
          fileBytes,
          usedBytes: usedBytes(db),
          schemaVersion: schemaVersion(db),
          runs: Number(scalar(db, 'SELECT count(*) FROM runs')),
          aggregateDays: Number(scalar(db, 'SELECT count(DISTINCT day) FROM daily_runs')),
          oldestRun: first === null || first === undefined ? undefined : new Date(Number(first)).toISOString(),
          newestRun: last === null || last === undefined ? undefined : new Date(Number(last)).toISOString(),
          lastPersistMs,
        };
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      await flushPending();
      closed = true;
      await queue;
      db.close();
    },
  };
  return store;
}
