// The history store: one SQLite file (sql.js, in memory) shared by every editor window and CLI run of a user,
// plus an append-only journal beside it (`<file>.journal`, journal.ts).
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
import { closeDb, loadSqlJs, scalar } from './sqlite';
import { applyConnectionPragmas, schemaVersion } from './schema';
import { insertRecord, toRunRecord, type KeyCache, type PendingRun, type RunRecord } from './recordRun';
import { queryRuns, queryTrend, DAY_MS, type RunFilter } from './queries';
import { applyRetention, oldestRawRun, usedBytes, type RetentionReport } from './retention';
import { writeFileAtomic, removeOrphanTemps } from '../util/atomicWrite';
import { withFileLock } from './fileLock';
import { appendJournal, readJournal, retireJournal, type JournalPosition, type JournalRead } from './journal';
import { CorruptHistoryError, loadFile, moveAside, openBytes, sameIdentity, statIdentity, type FileIdentity } from './loadFile';
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
  const snapshotEveryRuns = Math.max(1, opts.snapshotEveryRuns ?? 50);
  const snapshotEveryBytes = Math.max(1, opts.snapshotEveryBytes ?? 8 * 1024 * 1024);
  const lockPath = `${file}.lock`;
  const journalPath = `${file}.journal`;
  const lockOpts = { log };

  mkdirSync(dirname(file), { recursive: true });
  const SQL = await loadSqlJs(opts.wasmDir);
  removeOrphanTemps(file);

  let db: Database | undefined;
  let identity: FileIdentity | undefined;
  /** Set when memory may differ from disk in a way a stat cannot show (a failed write): reload before use. */
  let stale = false;
  const keyCache: KeyCache = new Map();
  let lastPersistMs: number | undefined;
  let lastSnapshotMs: number | undefined;
  // What of the journal is applied to `db`: position, runs, and whether a line was unreadable.
  let jpos: JournalPosition = { offset: 0 };
  let journalRuns = 0;
  let journalCorrupt = false;
  const warned = new Set<string>();
  /** This store appended runs that no snapshot holds yet (close() writes one). */
  let dirty = false;

  const resetJournalState = () => {
    jpos = { offset: 0 };
    journalRuns = 0;
    journalCorrupt = false;
  };

  /** Loads the snapshot; a corrupt one is re-checked and moved aside under the lock (a writer may be replacing it). */
  async function load(locked: boolean): Promise<void> {
    let loaded;
    const recheck = async () => {
      try {
        return await loadFile(SQL, file);
      } catch (again) {
        if (!(again instanceof CorruptHistoryError)) throw again;
        await moveAside(file, again.message, log);
        return { ...openBytes(SQL), identity: undefined };
      }
    };
    try {
      loaded = await loadFile(SQL, file);
    } catch (err) {
      if (!(err instanceof CorruptHistoryError)) throw err;
      loaded = locked ? await recheck() : await withFileLock(lockPath, recheck, lockOpts);
    }
    if (loaded.migratedFrom && loaded.migratedFrom < schemaVersion(loaded.db)) {
      log.info(`history: migrated ${file} from schema v${loaded.migratedFrom} to v${schemaVersion(loaded.db)} (written at the next snapshot)`);
    }
    if (db) closeDb(db);
    db = loaded.db;
    identity = loaded.identity;
    keyCache.clear();
    resetJournalState();
    jpos = absorbedJournal(db);
    stale = false;
  }

  /** How far into the journal the loaded snapshot goes (written with it): replay starts there. */
  function absorbedJournal(d: Database): JournalPosition {
    try {
      const j = JSON.parse(String(scalar(d, "SELECT value FROM meta WHERE key = 'journal'") ?? '{}')) as Partial<JournalPosition>;
      return typeof j.gen === 'string' && Number.isInteger(j.offset) ? { gen: j.gen, offset: j.offset! } : { offset: 0 };
    } catch {
      return { offset: 0 };
    }
  }

  /** Applies journal lines read past our position (all of a generation that is new to us), skipping stored UUIDs. */
  function applyJournal(read: JournalRead): void {
    if (read.restarted) {
      journalRuns = 0;
      journalCorrupt = false;
    }
    for (const c of read.corrupt) {
      journalCorrupt = true;
      const key = `${read.gen}:${c.offset}`;
      if (!warned.has(key)) {
        warned.add(key);
        log.warn(`history: skipped an unreadable line at byte ${c.offset} of ${journalPath} (${c.reason})`);
      }
    }
    if (read.records.length) {
      const d = db!;
      d.exec('BEGIN');
      try {
        for (const rec of read.records) {
          // One record that parses but cannot be inserted is skipped like an unreadable line, not fatal.
          d.exec('SAVEPOINT rec');
          try {
            insertRecord(d, rec, keyCache);
            d.exec('RELEASE rec');
          } catch (err) {
            d.exec('ROLLBACK TO rec; RELEASE rec');
            keyCache.clear();
            journalCorrupt = true;
            log.warn(`history: skipped journal record ${rec.uuid} of ${journalPath} (${(err as Error).message})`);
          }
        }
        d.exec('COMMIT');
      } catch (err) {
        d.exec('ROLLBACK');
        keyCache.clear();
        stale = true;
        throw err;
      }
      journalRuns += read.records.length;
    }
    jpos = { gen: read.gen, offset: read.offset };
  }

  /**
   * Brings memory up to disk: snapshot (reloaded when another process wrote one) + journal lines not applied yet.
   * Without the lock a snapshot may be written while we read the journal: stat before and after, start over if so.
   */
  async function syncFromDisk(locked: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (!db || stale || !sameIdentity(identity, await statIdentity(file))) await load(locked);
      const read = await readJournal(journalPath, jpos);
      if (!locked && attempt < 5 && !sameIdentity(identity, await statIdentity(file))) continue;
      applyJournal(read);
      return;
    }
  }

  await syncFromDisk(false);

  // Everything that touches `db` runs one at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const p = queue.then(fn, fn);
    queue = p.catch(() => undefined);
    return p;
  }

  let closed = false;
  let closing: Promise<void> | undefined;
  let dbClosed = false; // set in the queue: work queued after close() finds it and fails clearly
  let pending: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;

  /** The acknowledged write: under the lock, catch up, insert the batch (ids), append it to the journal, fsync. */
  async function persist(batch: PendingRun[]): Promise<number[]> {
    const t0 = performance.now();
    return withFileLock(
      lockPath,
      async () => {
        await syncFromDisk(true);
        const d = db!;
        const records: RunRecord[] = batch.map((run) => toRunRecord(run));
        d.exec('BEGIN');
        try {
          for (const rec of records) rec.id = insertRecord(d, rec, keyCache).id;
          jpos = await appendJournal(journalPath, jpos, records, log);
          d.exec('COMMIT');
        } catch (err) {
          d.exec('ROLLBACK');
          keyCache.clear(); // it may name keys the rollback removed
          stale = true; // the journal may hold part of the batch: read it again before the next use
          throw err;
        }
        journalRuns += records.length;
        dirty = true;
        lastPersistMs = performance.now() - t0;
        return records.map((r) => r.id!);
      },
      lockOpts,
    );
  }

  /** The full snapshot: under the lock, catch up, apply retention when due, export, atomic write, retire the journal. */
  async function writeSnapshot(forceRetention: boolean, onlyIfJournal = false): Promise<RetentionReport | undefined> {
    const t0 = performance.now();
    return withFileLock(
      lockPath,
      async () => {
        await syncFromDisk(true);
        // Another process may have written a snapshot holding everything meanwhile: nothing to do then.
        if (onlyIfJournal && !journalRuns && !journalCorrupt) {
          dirty = false;
          return undefined;
        }
        const d = db!;
        let retention: RetentionReport | undefined;
        try {
          const t = now().getTime();
          const oldest = oldestRawRun(d);
          const due = oldest !== undefined && oldest < t - retentionDays * DAY_MS - RETENTION_SLACK_MS;
          if (forceRetention || due || usedBytes(d) > maxBytes) {
            keyCache.clear(); // thinning may delete keys
            retention = applyRetention(d, { now: t, retentionDays, maxBytes });
            if (retention.foldedRuns || retention.droppedAggregateDays) {
              log.info(
                `history: retention folded ${retention.foldedRuns} runs into daily aggregates, dropped ${retention.droppedAggregateDays} aggregate days (${retention.bytesBefore} → ${retention.bytesAfter} bytes)`,
              );
            }
          }
          // The snapshot says which journal lines it holds: after a crash before the journal is retired, replay
          // starts after them (a run retention folded is no longer in `runs`, so its UUID alone would not tell).
          d.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal', ?)", [JSON.stringify(jpos)]);
          const bytes = d.export();
          applyConnectionPragmas(d); // older sql.js builds reopen the database in export(): set them again
          await writeFileAtomic(file, bytes);
          identity = await statIdentity(file);
          // Everything in the journal is in the snapshot now. A crash before this line leaves it to be replayed:
          // every UUID is already stored, so nothing counts twice.
          await retireJournal(journalPath, journalCorrupt, log);
          resetJournalState();
          dirty = false;
        } catch (err) {
          stale = true; // memory may now hold what the file does not (retention applied, write failed): reload
          throw err;
        }
        lastSnapshotMs = performance.now() - t0;
        return retention;
      },
      lockOpts,
    );
  }

  function snapshotDue(): boolean {
    return journalRuns >= snapshotEveryRuns || jpos.offset >= snapshotEveryBytes;
  }

  function flushPending(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (!batch.length) return queue.then(() => undefined);
    return serial(async () => {
      try {
        const ids = await persist(batch);
        batch.forEach((w, i) => w.resolve(ids[i]));
      } catch (err) {
        const e = new Error(`history: ${batch.length} run(s) could not be saved to ${file}: ${(err as Error).message}`);
        log.error(e.message);
        batch.forEach((w) => w.reject(e));
        return;
      }
      // Acknowledged already; the snapshot is housekeeping: a failure is logged, the runs stay in the journal.
      if (snapshotDue()) void serial(() => writeSnapshot(false, true)).catch((err) => log.error(`history: snapshot of ${file} failed: ${(err as Error).message}`));
    });
  }

  const closedError = () => Promise.reject(new Error(`the history store (${file}) is closed`));

  function read<T>(fn: (d: Database) => T): Promise<T> {
    if (closed) return closedError();
    return serial(async () => {
      await syncFromDisk(false);
      return fn(db!);
    });
  }

  const store: HistoryStore = {
    file,
    record(result: AnalyzerResult, meta: { cluster: string; profile: string }): Promise<number> {
      if (closed) return closedError();
      return new Promise<number>((resolve, reject) => {
        pending.push({ uuid: randomUUID(), result, meta, startedAt: now().getTime(), resolve, reject });
        timer ??= setTimeout(() => void flushPending(), debounceMs);
      });
    },
    trend: (q: TrendQuery): Promise<Record<string, TrendPoint[]>> => read((d) => queryTrend(d, q)),
    runs: (filter?: RunFilter): Promise<StoredRunInfo[]> => read((d) => queryRuns(d, filter)),
    flush: () => flushPending(),
    async snapshot(): Promise<void> {
      if (closed) return closedError();
      await flushPending();
      await serial(() => (dbClosed ? closedError() : writeSnapshot(false))); // close() may have run meanwhile
    },
    async maintain(): Promise<RetentionReport> {
      if (closed) return closedError();
      await flushPending();
      return serial(async () => (dbClosed ? closedError() : (await writeSnapshot(true))!));
    },
    stats: (): Promise<HistoryStats> =>
      read((d) => {
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
          lastPersistMs,
          lastSnapshotMs,
          journalRuns,
          journalBytes: jpos.offset,
        };
      }),
    close(): Promise<void> {
      // Closed before the final flush: a record() arriving meanwhile is refused at once instead of arming a
      // timer that would fire after the database is gone. Every record() accepted before is in that flush.
      closed = true;
      closing ??= (async () => {
        await flushPending();
        // Runs this store journaled go into a snapshot now, unless another process already wrote one holding them.
        if (dirty) {
          await serial(() => writeSnapshot(false, true)).catch((err) => log.error(`history: snapshot of ${file} at close failed (the journal keeps the runs): ${(err as Error).message}`));
        }
        // In the queue, so whatever was queued before (a snapshot() or maintain() under way) finishes first.
        await serial(() => {
          closeDb(db!);
          dbClosed = true;
        });
      })();
      return closing;
    },
  };
  return store;
}
