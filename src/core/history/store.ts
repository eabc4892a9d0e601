// The history store: one SQLite file (sql.js, in memory) shared by every editor window and CLI run of a user,
// plus an append-only journal beside it (`<file>.journal`, journal.ts). This file is the façade that wires the
// parts: fileState.ts (the image, catching up, the acknowledged write), writeQueue.ts (batching, order, close),
// snapshot.ts (the full snapshot, retention, retiring the journal).
//
// Durability — journal, then snapshot: sql.js can only persist by exporting the whole image and rewriting the
// file (≈ 250 ms at 50 MB), so that is not done per run. record() batches (a short debounce), inserts the batch
// into memory, appends one JSON line per run to the journal and fsyncs it; that append is the acknowledgment
// (a few ms). The full snapshot (export + temp file + fsync + rename + directory fsync, atomicWrite.ts) is
// written every `snapshotEveryRuns` journal lines or `snapshotEveryBytes` of journal, on close() of a store that
// wrote, and by maintain()/snapshot(); then the journal is removed. Opening (and reloading after another process
// wrote) reads the snapshot and replays the journal from the position the snapshot records (its `meta` row),
// skipping run UUIDs it already holds: a crash between the snapshot's rename and the journal's removal replays
// nothing twice (not even runs retention folded meanwhile), and a torn last line (kill -9 mid-append) is never
// applied and is cut off by the next writer. Retention and the size cap run only when a snapshot is written.
//
// Concurrency — a lock file, plus reload-on-change, rather than merge-on-write alone: every write (journal append
// or snapshot) happens under `<file>.lock` (O_EXCL create; a lock whose pid is dead or that is older than 30 s is
// broken, see fileLock.ts). Under the lock the writer first catches up: it reloads the snapshot if its identity
// (inode, size, mtime) changed and applies the journal lines it has not seen, and only then assigns run ids, so
// ids are unique across processes; the journal line carries the id and replay keeps it, so every process sees the
// same ids. Readers do not lock: they stat the snapshot, read the journal, stat again, and start over if a snapshot
// was written in between (each journal file has its own generation id, so a replaced journal is noticed too).
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnalyzerResult } from '../types';
import type { HistoryPort, StoredRunInfo, TrendPoint, TrendQuery } from './port';
import type { Database } from './sqlite';
import { loadSqlJs, scalar } from './sqlite';
import { schemaVersion } from './schema';
import { queryRuns, queryTrend, type RunFilter } from './queries';
import { usedBytes, type RetentionReport } from './retention';
import { removeOrphanTemps } from '../util/atomicWrite';
import { HistoryFileState } from './fileState';
import { SnapshotWriter } from './snapshot';
import { WriteQueue } from './writeQueue';
import { silentLogger, type Logger } from '../util/log';

export interface HistoryStoreOptions {
  /** Raw runs are kept this many days, then folded into daily aggregates. Default 30. */
  retentionDays?: number;
  /** Size cap of the file in MB; the oldest data is thinned first. Default 50. */
  maxSizeMB?: number;
  /** Batching window for record(); each record still resolves only once durable. Default 25 ms. */
  debounceMs?: number;
  /** Write the full snapshot (and empty the journal) once the journal holds this many runs. Default 50. */
  snapshotEveryRuns?: number;
  /** … or this many bytes. Default 8 MB. Together these bound the replay work of an open. */
  snapshotEveryBytes?: number;
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
  /** Duration of the last acknowledged write of this store (ms): lock, catch-up, insert, journal append + fsync. */
  lastPersistMs?: number;
  /** Duration of the last full snapshot of this store (ms): lock, catch-up, retention, export, atomic write. */
  lastSnapshotMs?: number;
  /** Runs in the journal not yet in a snapshot, and the journal's size. */
  journalRuns: number;
  journalBytes: number;
}

export interface HistoryStore extends HistoryPort {
  readonly file: string;
  /** Writes pending records now (resolves when durable). */
  flush(): Promise<void>;
  /** Writes the full snapshot now and empties the journal (retention applied when due). */
  snapshot(): Promise<void>;
  /** Applies retention and the size cap now, and writes the snapshot. */
  maintain(): Promise<RetentionReport>;
  stats(): Promise<HistoryStats>;
  runs(filter?: RunFilter): Promise<StoredRunInfo[]>;
}

export async function openHistoryStore(file: string, opts: HistoryStoreOptions = {}): Promise<HistoryStore> {
  const log = opts.log ?? silentLogger;
  const now = opts.now ?? (() => new Date());

  mkdirSync(dirname(file), { recursive: true });
  const SQL = await loadSqlJs(opts.wasmDir);
  removeOrphanTemps(file);

  const state = new HistoryFileState(SQL, file, log);
  await state.catchUp(false);
  const snapshots = new SnapshotWriter(state, {
    everyRuns: Math.max(1, opts.snapshotEveryRuns ?? 50),
    everyBytes: Math.max(1, opts.snapshotEveryBytes ?? 8 * 1024 * 1024),
    retentionDays: Math.max(1, opts.retentionDays ?? 30),
    maxBytes: Math.max(0.01, opts.maxSizeMB ?? 50) * 1024 * 1024,
    now,
    log,
  });
  const queue: WriteQueue = new WriteQueue({
    file,
    debounceMs: Math.max(0, opts.debounceMs ?? 25),
    log,
    persist: (batch) => state.persist(batch),
    // Acknowledged already; the snapshot is housekeeping: a failure is logged, the runs stay in the journal.
    afterPersist: () => {
      if (snapshots.due()) void queue.serial(() => snapshots.write(false, true)).catch((err) => log.error(`history: snapshot of ${file} failed: ${(err as Error).message}`));
    },
  });

  /** Readers do not lock: they catch up (stat, journal, stat again) in the queue, then query the image. */
  function read<T>(fn: (d: Database) => T): Promise<T> {
    if (queue.closed) return queue.closedError();
    return queue.serial(async () => {
      await state.catchUp(false);
      return fn(state.database);
    });
  }

  return {
    file,
    record: (result: AnalyzerResult, meta: { cluster: string; profile: string }): Promise<number> =>
      queue.add(() => ({ uuid: randomUUID(), result, meta, startedAt: now().getTime() })),
    trend: (q: TrendQuery): Promise<Record<string, TrendPoint[]>> => read((d) => queryTrend(d, q)),
    runs: (filter?: RunFilter): Promise<StoredRunInfo[]> => read((d) => queryRuns(d, filter)),
    flush: () => queue.flush(),
    async snapshot(): Promise<void> {
      if (queue.closed) return queue.closedError();
      await queue.flush();
      await queue.whileOpen(() => snapshots.write(false)); // close() may have run meanwhile
    },
    async maintain(): Promise<RetentionReport> {
      if (queue.closed) return queue.closedError();
      await queue.flush();
      return queue.whileOpen(async () => (await snapshots.write(true))!);
    },
    stats: (): Promise<HistoryStats> => read((d) => readStats(d, file, state, snapshots)),
    close: () =>
      queue.close(
        async () => {
          // Runs this store journaled go into a snapshot now, unless another process already wrote one holding them.
          if (!state.dirty) return;
          await queue
            .serial(() => snapshots.write(false, true))
            .catch((err) => log.error(`history: snapshot of ${file} at close failed (the journal keeps the runs): ${(err as Error).message}`));
        },
        () => state.close(),
      ),
  };
}

function readStats(d: Database, file: string, state: HistoryFileState, snapshots: SnapshotWriter): HistoryStats {
  const first = scalar(d, 'SELECT min(range_end) FROM runs');
  const last = scalar(d, 'SELECT max(range_end) FROM runs');
  let fileBytes = 0;
  try {
    fileBytes = statSync(file).size;
  } catch {
    /* not written yet */
  }
  return {
    file,
    fileBytes,
    usedBytes: usedBytes(d),
    schemaVersion: schemaVersion(d),
    runs: Number(scalar(d, 'SELECT count(*) FROM runs')),
    aggregateDays: Number(scalar(d, 'SELECT count(DISTINCT day) FROM daily_runs')),
    oldestRun: first === null || first === undefined ? undefined : new Date(Number(first)).toISOString(),
    newestRun: last === null || last === undefined ? undefined : new Date(Number(last)).toISOString(),
    lastPersistMs: state.lastPersistMs,
    lastSnapshotMs: snapshots.lastSnapshotMs,
    journalRuns: state.journalRuns,
    journalBytes: state.journalPos.offset,
  };
}
