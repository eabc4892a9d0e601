// The full snapshot: the whole image exported and written over the history file (temp file, fsync, rename,
// directory fsync, atomicWrite.ts), after which the journal it absorbed is retired.
//
// Why only now and then: sql.js can only persist by exporting the whole image (≈ 250 ms at 50 MB), so runs are
// acknowledged by the journal and the snapshot is written every `everyRuns` journal lines or `everyBytes` of
// journal (which bounds the replay work of an open), on close() of a store that wrote, and by maintain()/snapshot().
// Retention and the size cap run only here, so folding happens in batches and is written at once.
import { writeFileAtomic } from '../util/atomicWrite';
import { applyConnectionPragmas } from './schema';
import { DAY_MS } from './queries';
import { applyRetention, oldestRawRun, usedBytes, type RetentionReport } from './retention';
import { retireJournal } from './journal';
import type { HistoryFileState } from './fileState';
import type { Database } from './sqlite';
import type { Logger } from '../util/log';

/** Fold when the oldest raw run is this far past the retention age: retention runs in batches, not every write. */
const RETENTION_SLACK_MS = 3_600_000;

export interface SnapshotPolicy {
  everyRuns: number;
  everyBytes: number;
  retentionDays: number;
  maxBytes: number;
  now: () => Date;
  log: Logger;
}

export class SnapshotWriter {
  /** Duration of the last full snapshot (ms), for stats(). */
  lastSnapshotMs: number | undefined;

  constructor(
    private readonly state: HistoryFileState,
    private readonly policy: SnapshotPolicy,
  ) {}

  /** The journal is long enough that an open would replay too much: time for a snapshot. */
  due(): boolean {
    const { state, policy } = this;
    return state.journalRuns >= policy.everyRuns || state.journalPos.offset >= policy.everyBytes;
  }

  /** Applies retention and the size cap when forced, when the oldest raw run is past its age, or over the cap. */
  private retain(d: Database, force: boolean): RetentionReport | undefined {
    const { retentionDays, maxBytes, now, log } = this.policy;
    const t = now().getTime();
    const oldest = oldestRawRun(d);
    const due = oldest !== undefined && oldest < t - retentionDays * DAY_MS - RETENTION_SLACK_MS;
    if (!(force || due || usedBytes(d) > maxBytes)) return undefined;
    this.state.forgetKeys(); // thinning may delete keys
    const retention = applyRetention(d, { now: t, retentionDays, maxBytes });
    if (retention.foldedRuns || retention.droppedAggregateDays) {
      log.info(
        `history: retention folded ${retention.foldedRuns} runs into daily aggregates, dropped ${retention.droppedAggregateDays} aggregate days (${retention.bytesBefore} → ${retention.bytesAfter} bytes)`,
      );
    }
    return retention;
  }

  /**
   * The full snapshot: under the lock, catch up, apply retention when due, export, atomic write, retire the journal.
   * `onlyIfJournal`: skip it when another process already wrote a snapshot holding everything.
   */
  async write(forceRetention: boolean, onlyIfJournal = false): Promise<RetentionReport | undefined> {
    const { state } = this;
    const t0 = performance.now();
    return state.underLock(async (d) => {
      if (onlyIfJournal && !state.journalRuns && !state.journalCorrupt) {
        state.snapshotHoldsOurRuns();
        return undefined;
      }
      let retention: RetentionReport | undefined;
      try {
        retention = this.retain(d, forceRetention);
        // The snapshot says which journal lines it holds: after a crash before the journal is retired, replay
        // starts after them (a run retention folded is no longer in `runs`, so its UUID alone would not tell).
        d.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('journal', ?)", [JSON.stringify(state.journalPos)]);
        const bytes = d.export();
        applyConnectionPragmas(d); // older sql.js builds reopen the database in export(): set them again
        await writeFileAtomic(state.file, bytes);
        await state.adoptSnapshot();
        // Everything in the journal is in the snapshot now. A crash before this line leaves it to be replayed:
        // every UUID is already stored, so nothing counts twice.
        await retireJournal(state.journalPath, state.journalCorrupt, this.policy.log);
        state.journalRetired();
      } catch (err) {
        state.markStale(); // memory may now hold what the file does not (retention applied, write failed): reload
        throw err;
      }
      this.lastSnapshotMs = performance.now() - t0;
      return retention;
    });
  }
}
