// Retention: raw runs older than N days are folded into daily aggregates (per series key and UTC day: count,
// sum, min, max), then deleted. The size cap thins the oldest data first: it folds the oldest raw days early,
// and when only aggregates are left it drops the oldest days of aggregates. Sizes are the pages in use
// (page_count − freelist_count) × page_size, i.e. what the exported file will weigh after incremental vacuum.
import type { Database } from './sqlite';
import { scalar } from './sqlite';
import { DAY_MS } from './queries';

export interface RetentionReport {
  foldedRuns: number;
  droppedAggregateDays: number;
  bytesBefore: number;
  bytesAfter: number;
}

export function usedBytes(db: Database): number {
  const pages = Number(scalar(db, 'PRAGMA page_count'));
  const free = Number(scalar(db, 'PRAGMA freelist_count'));
  return (pages - free) * Number(scalar(db, 'PRAGMA page_size'));
}

/** Oldest raw run's window end (ms), or undefined when there are none. */
export function oldestRawRun(db: Database): number | undefined {
  const v = scalar(db, 'SELECT min(range_end) FROM runs');
  return v === null || v === undefined ? undefined : Number(v);
}

/**
 * Folds every raw run whose window ended before `cutoff` into daily aggregates and deletes it. Returns the
 * number of runs folded. Caller holds the transaction. Value rows are reached through the key index
 * (`key_id IN … AND at < ?`) so no full scan of the biggest table is needed.
 */
export function foldRunsBefore(db: Database, cutoff: number): number {
  const n = Number(scalar(db, 'SELECT count(*) FROM runs WHERE range_end < ?', [cutoff]));
  if (!n) return 0;
  const keyed = 'key_id IN (SELECT id FROM series_keys) AND at < ?';
  db.run(
    `INSERT INTO daily_values (key_id, day, n, sum, min, max, nulls)
       SELECT key_id, at / ${DAY_MS}, count(value), coalesce(sum(value), 0), min(value), max(value), count(*) - count(value)
       FROM metric_values WHERE ${keyed} GROUP BY key_id, at / ${DAY_MS}
     ON CONFLICT (key_id, day) DO UPDATE SET
       n = n + excluded.n, sum = sum + excluded.sum, nulls = nulls + excluded.nulls,
       min = min(coalesce(min, excluded.min), coalesce(excluded.min, min)),
       max = max(coalesce(max, excluded.max), coalesce(excluded.max, max))`,
    [cutoff],
  );
  db.run(
    `INSERT INTO daily_runs (day, cluster, tool, runs)
       SELECT range_end / ${DAY_MS}, cluster, tool, count(*) FROM runs WHERE range_end < ? GROUP BY 1, 2, 3
     ON CONFLICT (day, cluster, tool) DO UPDATE SET runs = runs + excluded.runs`,
    [cutoff],
  );
  db.run(
    `INSERT INTO daily_findings (day, cluster, rule, severity, member, n)
       SELECT f.at / ${DAY_MS}, r.cluster, f.rule, f.severity, f.member, count(*)
       FROM findings f JOIN runs r ON r.id = f.run_id WHERE f.at < ? GROUP BY 1, 2, 3, 4, 5
     ON CONFLICT (day, cluster, rule, severity, member) DO UPDATE SET n = n + excluded.n`,
    [cutoff],
  );
  db.run(`DELETE FROM metric_values WHERE ${keyed}`, [cutoff]);
  db.run('DELETE FROM findings WHERE at < ?', [cutoff]);
  db.run('DELETE FROM run_series WHERE run_id IN (SELECT id FROM runs WHERE range_end < ?)', [cutoff]);
  db.run('DELETE FROM runs WHERE range_end < ?', [cutoff]);
  return n;
}

function dropAggregateDaysBefore(db: Database, day: number): void {
  db.run('DELETE FROM daily_values WHERE key_id IN (SELECT id FROM series_keys) AND day < ?', [day]);
  db.run('DELETE FROM daily_runs WHERE day < ?', [day]);
  db.run('DELETE FROM daily_findings WHERE day < ?', [day]);
  db.run(
    `DELETE FROM series_keys WHERE id NOT IN (SELECT key_id FROM daily_values)
       AND id NOT IN (SELECT DISTINCT key_id FROM metric_values)`,
  );
}

function inTransaction<T>(db: Database, fn: () => T): T {
  db.exec('BEGIN');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Applies the age limit, then the size cap. When over the cap it thins to 90 % of it (so the next few writes
 * do not immediately trigger it again): fold the oldest raw days (the newest day of raw runs is always kept),
 * then drop the oldest aggregate days. Frees pages with incremental vacuum so the exported file shrinks.
 */
export function applyRetention(db: Database, opts: { now: number; retentionDays: number; maxBytes: number }): RetentionReport {
  const bytesBefore = usedBytes(db);
  let foldedRuns = 0;
  let droppedAggregateDays = 0;
  const cutoff = opts.now - opts.retentionDays * DAY_MS;
  const oldest = oldestRawRun(db);
  if (oldest !== undefined && oldest < cutoff) foldedRuns += inTransaction(db, () => foldRunsBefore(db, cutoff));
  const vacuum = () => db.exec('PRAGMA incremental_vacuum');
  if (foldedRuns) vacuum();

  const target = opts.maxBytes * 0.9;
  for (let i = 0; i < 12 && usedBytes(db) > opts.maxBytes; i++) {
    const size = usedBytes(db);
    const first = oldestRawRun(db);
    const last = Number(scalar(db, 'SELECT max(range_end) FROM runs') ?? 0);
    if (first !== undefined && last - first > DAY_MS) {
      // Estimate how many of the raw days must go: raw bytes per day from the share of rows that are raw.
      const rawDays = (last - first) / DAY_MS;
      const excessShare = (size - target) / size;
      const days = Math.max(1, Math.ceil(rawDays * excessShare * 1.1));
      const upTo = Math.min(first + days * DAY_MS, last - DAY_MS);
      foldedRuns += inTransaction(db, () => foldRunsBefore(db, upTo));
    } else {
      const firstDay = scalar(db, 'SELECT min(day) FROM daily_values');
      const lastDay = scalar(db, 'SELECT max(day) FROM daily_values');
      if (firstDay === null || firstDay === undefined) break; // nothing left to thin: the raw newest day alone is over the cap
      const span = Number(lastDay) - Number(firstDay) + 1;
      const days = Math.max(1, Math.ceil(span * ((size - target) / size) * 1.1));
      inTransaction(db, () => dropAggregateDaysBefore(db, Number(firstDay) + days));
      droppedAggregateDays += days;
    }
    vacuum();
  }
  return { foldedRuns, droppedAggregateDays, bytesBefore, bytesAfter: usedBytes(db) };
}
