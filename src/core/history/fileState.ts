// What one process holds of the history file: the in-memory database image (sql.js), the identity of the snapshot
// it was read from, how much of the journal has been applied on top, and the series-key cache valid for that image.
//
// Memory follows disk, never the other way round: before every use the image catches up (the snapshot is reloaded
// when its identity changed, then the journal lines not applied yet are replayed, skipping stored UUIDs), and every
// write happens under `<file>.lock` after that catch-up, so run ids are assigned on top of what every other process
// wrote. The acknowledged write itself (insert in memory, append to the journal, fsync) is here too: it is the only
// other thing that moves the journal position.
import type { SqlJsStatic } from 'sql.js';
import type { Database } from './sqlite';
import { closeDb, scalar } from './sqlite';
import { schemaVersion } from './schema';
import { insertRecord, toRunRecord, type KeyCache, type PendingRun, type RunRecord } from './recordRun';
import { withFileLock } from './fileLock';
import { appendJournal, readJournal, type JournalPosition, type JournalRead } from './journal';
import { CorruptHistoryError, loadFile, moveAside, openBytes, sameIdentity, statIdentity, type FileIdentity } from './loadFile';
import type { Logger } from '../util/log';

/** How far into the journal the loaded snapshot goes (written with it): replay starts there. */
function absorbedJournal(d: Database): JournalPosition {
  try {
    const j = JSON.parse(String(scalar(d, "SELECT value FROM meta WHERE key = 'journal'") ?? '{}')) as Partial<JournalPosition>;
    return typeof j.gen === 'string' && Number.isInteger(j.offset) ? { gen: j.gen, offset: j.offset! } : { offset: 0 };
  } catch {
    return { offset: 0 };
  }
}

export class HistoryFileState {
  readonly lockPath: string;
  readonly journalPath: string;
  private db: Database | undefined;
  private identity: FileIdentity | undefined;
  /** Set when memory may differ from disk in a way a stat cannot show (a failed write): reload before use. */
  private stale = false;
  private readonly keyCache: KeyCache = new Map();
  /** What of the journal is applied to the image: position, runs, and whether a line was unreadable. */
  private pos: JournalPosition = { offset: 0 };
  private runs = 0;
  private corrupt = false;
  /** Unreadable journal lines already warned about (by generation and offset): each is reported once. */
  private readonly warned = new Set<string>();
  /** This store appended runs that no snapshot holds yet (close() writes one). */
  private unsnapshotted = false;
  private persistMs: number | undefined;

  constructor(
    private readonly SQL: SqlJsStatic,
    readonly file: string,
    private readonly log: Logger,
  ) {
    this.lockPath = `${file}.lock`;
    this.journalPath = `${file}.journal`;
  }

  /** The image, caught up by the caller (catchUp, or underLock). */
  get database(): Database {
    return this.db!;
  }

  get journalPos(): JournalPosition {
    return this.pos;
  }

  /** Runs in the applied journal, i.e. not yet in a snapshot: they bound the replay work of an open. */
  get journalRuns(): number {
    return this.runs;
  }

  /** A line of the applied journal was unreadable: the journal is kept aside when retired. */
  get journalCorrupt(): boolean {
    return this.corrupt;
  }

  get dirty(): boolean {
    return this.unsnapshotted;
  }

  /** Duration of the last acknowledged write (ms), for stats(). */
  get lastPersistMs(): number | undefined {
    return this.persistMs;
  }

  private resetJournalState(): void {
    this.pos = { offset: 0 };
    this.runs = 0;
    this.corrupt = false;
  }

  /** Loads the snapshot; a corrupt one is re-checked and moved aside under the lock (a writer may be replacing it). */
  private async load(locked: boolean): Promise<void> {
    const { SQL, file, log } = this;
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
      loaded = locked ? await recheck() : await withFileLock(this.lockPath, recheck, { log });
    }
    if (loaded.migratedFrom && loaded.migratedFrom < schemaVersion(loaded.db)) {
      log.info(`history: migrated ${file} from schema v${loaded.migratedFrom} to v${schemaVersion(loaded.db)} (written at the next snapshot)`);
    }
    if (this.db) closeDb(this.db);
    this.db = loaded.db;
    this.identity = loaded.identity;
    this.keyCache.clear();
    this.resetJournalState();
    this.pos = absorbedJournal(this.db);
    this.stale = false;
  }

  /** Applies journal lines read past our position (all of a generation that is new to us), skipping stored UUIDs. */
  private applyJournal(read: JournalRead): void {
    if (read.restarted) {
      this.runs = 0;
      this.corrupt = false;
    }
    for (const c of read.corrupt) {
      this.corrupt = true;
      const key = `${read.gen}:${c.offset}`;
      if (!this.warned.has(key)) {
        this.warned.add(key);
        this.log.warn(`history: skipped an unreadable line at byte ${c.offset} of ${this.journalPath} (${c.reason})`);
      }
    }
    if (read.records.length) {
      const d = this.db!;
      d.exec('BEGIN');
      try {
        for (const rec of read.records) {
          // One record that parses but cannot be inserted is skipped like an unreadable line, not fatal.
          d.exec('SAVEPOINT rec');
          try {
            insertRecord(d, rec, this.keyCache);
            d.exec('RELEASE rec');
          } catch (err) {
            d.exec('ROLLBACK TO rec; RELEASE rec');
            this.keyCache.clear();
            this.corrupt = true;
            this.log.warn(`history: skipped journal record ${rec.uuid} of ${this.journalPath} (${(err as Error).message})`);
          }
        }
        d.exec('COMMIT');
      } catch (err) {
        d.exec('ROLLBACK');
        this.keyCache.clear();
        this.stale = true;
        throw err;
      }
      this.runs += read.records.length;
    }
    this.pos = { gen: read.gen, offset: read.offset };
  }

  /**
   * Brings memory up to disk: snapshot (reloaded when another process wrote one) + journal lines not applied yet.
   * Without the lock a snapshot may be written while we read the journal: stat before and after, start over if so.
   */
  async catchUp(locked: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (!this.db || this.stale || !sameIdentity(this.identity, await statIdentity(this.file))) await this.load(locked);
      const read = await readJournal(this.journalPath, this.pos);
      if (!locked && attempt < 5 && !sameIdentity(this.identity, await statIdentity(this.file))) continue;
      this.applyJournal(read);
      return;
    }
  }

  /** Every write (journal append or snapshot) runs here: under the lock, after catching up with other processes. */
  underLock<T>(fn: (d: Database) => Promise<T>): Promise<T> {
    return withFileLock(
      this.lockPath,
      async () => {
        await this.catchUp(true);
        return fn(this.db!);
      },
      { log: this.log },
    );
  }

  /** The acknowledged write: under the lock, catch up, insert the batch (ids), append it to the journal, fsync. */
  async persist(batch: PendingRun[]): Promise<number[]> {
    const t0 = performance.now();
    return this.underLock(async (d) => {
      const records: RunRecord[] = batch.map((run) => toRunRecord(run));
      d.exec('BEGIN');
      try {
        for (const rec of records) rec.id = insertRecord(d, rec, this.keyCache).id;
        this.pos = await appendJournal(this.journalPath, this.pos, records, this.log);
        d.exec('COMMIT');
      } catch (err) {
        d.exec('ROLLBACK');
        this.keyCache.clear(); // it may name keys the rollback removed
        this.stale = true; // the journal may hold part of the batch: read it again before the next use
        throw err;
      }
      this.runs += records.length;
      this.unsnapshotted = true;
      this.persistMs = performance.now() - t0;
      return records.map((r) => r.id!);
    });
  }

  /** Retention may delete series keys: the cache must not name them. */
  forgetKeys(): void {
    this.keyCache.clear();
  }

  /** Memory may now hold what the file does not (a write failed half way): reload before the next use. */
  markStale(): void {
    this.stale = true;
  }

  /** The image was just written as the snapshot: remember its identity so our own write is not taken for another's. */
  async adoptSnapshot(): Promise<void> {
    this.identity = await statIdentity(this.file);
  }

  /** A snapshot holds every run this store appended (ours, or one another process wrote meanwhile). */
  snapshotHoldsOurRuns(): void {
    this.unsnapshotted = false;
  }

  /** The journal was retired: everything it held is in the snapshot, nothing of a journal is applied any more. */
  journalRetired(): void {
    this.resetJournalState();
    this.snapshotHoldsOurRuns();
  }

  close(): void {
    closeDb(this.db!);
  }
}
