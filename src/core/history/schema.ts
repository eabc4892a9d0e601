// Versioned schema of the history file. `PRAGMA user_version` holds the version; each migration moves one step,
// inside a transaction, so a file is always at a whole version. A fresh file runs every step from 0: the
// migration path is exercised on every new store, not only on old files.
//
// v1 (first release): ISO-text times, one row per (run, metric, member, statistic) with the names repeated.
// v2: epoch-ms integers, run UUIDs (identity across processes/exports), a dictionary of series keys so
//   a value row is ~25 bytes, downsampled chart series, and daily aggregates that retention folds old runs into.
// v3 (current): a `meta` key/value table; a snapshot records there how far into the journal it goes
//   (`journal` = {"gen","offset"}), so replay never re-applies a line the snapshot holds — even a run that
//   retention already folded into aggregates, which a UUID check alone would not find.
import type { Database } from './sqlite';
import { scalar } from './sqlite';

export const SCHEMA_VERSION = 3;

/** Connection settings: reset by sql.js on every export() (it reopens the database), so re-applied after it. */
export function applyConnectionPragmas(db: Database): void {
  db.exec('PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY;');
}

/** The v1 schema exactly as the first release wrote it (kept for migration and for tests that build a v1 file). */
export const V1_SQL = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL, tool TEXT NOT NULL, cluster TEXT NOT NULL, profile TEXT NOT NULL,
  range_start TEXT NOT NULL, range_end TEXT NOT NULL, status TEXT NOT NULL, summary TEXT NOT NULL
);
CREATE TABLE metric_summaries (
  run_id INTEGER NOT NULL, metric TEXT NOT NULL, member TEXT NOT NULL, statistic TEXT NOT NULL,
  value REAL, unit TEXT NOT NULL
);
CREATE INDEX metric_summaries_run ON metric_summaries(run_id);
CREATE TABLE findings (
  run_id INTEGER NOT NULL, finding_id TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL,
  category TEXT NOT NULL, member TEXT NOT NULL, title TEXT NOT NULL, evidence TEXT NOT NULL
);
CREATE INDEX findings_run ON findings(run_id);
`;

const ISO_TO_MS = (col: string) => `CAST(ROUND((julianday(${col}) - 2440587.5) * 86400000) AS INTEGER)`;

const V2_SQL = `
ALTER TABLE runs RENAME TO runs_v1;
ALTER TABLE findings RENAME TO findings_v1;
DROP INDEX IF EXISTS findings_run;
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL UNIQUE,
  started_at INTEGER NOT NULL, range_start INTEGER NOT NULL, range_end INTEGER NOT NULL,
  tool TEXT NOT NULL, cluster TEXT NOT NULL, profile TEXT NOT NULL,
  status TEXT NOT NULL, summary TEXT NOT NULL, health TEXT
);
CREATE INDEX runs_end ON runs(range_end);
CREATE TABLE series_keys (
  id INTEGER PRIMARY KEY,
  metric TEXT NOT NULL, statistic TEXT NOT NULL, cluster TEXT NOT NULL, member TEXT NOT NULL,
  labels TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL,
  UNIQUE (metric, statistic, cluster, member, labels)
);
-- at = the run's range end (what the value describes); run_id ≤ 0 never appears here.
CREATE TABLE metric_values (
  key_id INTEGER NOT NULL, at INTEGER NOT NULL, run_id INTEGER NOT NULL, value REAL,
  PRIMARY KEY (key_id, at, run_id)
) WITHOUT ROWID;
CREATE TABLE findings (
  run_id INTEGER NOT NULL, at INTEGER NOT NULL, finding_id TEXT NOT NULL, rule TEXT NOT NULL,
  severity TEXT NOT NULL, category TEXT NOT NULL, member TEXT NOT NULL, title TEXT NOT NULL, evidence TEXT NOT NULL
);
CREATE INDEX findings_run ON findings(run_id);
CREATE INDEX findings_at ON findings(at);
-- Chart series of a run, downsampled to a few dozen points: t0 + i*step_ms, float32 values, NaN = gap.
CREATE TABLE run_series (
  run_id INTEGER NOT NULL, metric TEXT NOT NULL, member TEXT NOT NULL, unit TEXT NOT NULL, labels TEXT NOT NULL,
  t0 INTEGER NOT NULL, step_ms INTEGER NOT NULL, vals BLOB NOT NULL
);
CREATE INDEX run_series_run ON run_series(run_id);
-- Daily aggregates (UTC days since epoch) that retention folds raw runs into.
CREATE TABLE daily_values (
  key_id INTEGER NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL, sum REAL NOT NULL, min REAL, max REAL,
  nulls INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, day)
) WITHOUT ROWID;
CREATE TABLE daily_runs (
  day INTEGER NOT NULL, cluster TEXT NOT NULL, tool TEXT NOT NULL, runs INTEGER NOT NULL,
  PRIMARY KEY (day, cluster, tool)
) WITHOUT ROWID;
CREATE TABLE daily_findings (
  day INTEGER NOT NULL, cluster TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, member TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (day, cluster, rule, severity, member)
) WITHOUT ROWID;

INSERT INTO runs (id, uuid, started_at, range_start, range_end, tool, cluster, profile, status, summary)
  SELECT id, lower(hex(randomblob(16))), ${ISO_TO_MS('started_at')}, ${ISO_TO_MS('range_start')},
         ${ISO_TO_MS('range_end')}, tool, cluster, profile, status, summary
  FROM runs_v1 WHERE julianday(range_end) IS NOT NULL;
INSERT OR IGNORE INTO series_keys (metric, statistic, cluster, member, labels, unit)
  SELECT DISTINCT m.metric, m.statistic, r.cluster, m.member, '', m.unit
  FROM metric_summaries m JOIN runs r ON r.id = m.run_id;
INSERT OR REPLACE INTO metric_values (key_id, at, run_id, value)
  SELECT k.id, r.range_end, r.id, m.value
  FROM metric_summaries m JOIN runs r ON r.id = m.run_id
  JOIN series_keys k ON k.metric = m.metric AND k.statistic = m.statistic AND k.cluster = r.cluster
                    AND k.member = m.member AND k.labels = '';
INSERT INTO findings (run_id, at, finding_id, rule, severity, category, member, title, evidence)
  SELECT f.run_id, r.range_end, f.finding_id, f.rule, f.severity, f.category, f.member, f.title, f.evidence
  FROM findings_v1 f JOIN runs r ON r.id = f.run_id;
DROP TABLE metric_summaries;
DROP TABLE findings_v1;
DROP TABLE runs_v1;
`;

const V3_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

interface Migration {
  to: number;
  sql: string;
}

const MIGRATIONS: Migration[] = [
  { to: 1, sql: V1_SQL },
  { to: 2, sql: V2_SQL },
  { to: 3, sql: V3_SQL },
];

export class SchemaTooNewError extends Error {
  constructor(public readonly version: number) {
    super(
      `the history file has schema version ${version}, newer than this build understands (${SCHEMA_VERSION}): ` +
        'update the extension/CLI, or point history at another file',
    );
    this.name = 'SchemaTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return Number(scalar(db, 'PRAGMA user_version') ?? 0);
}

/**
 * Brings `db` to SCHEMA_VERSION. Returns the version it started from. A new file also gets incremental
 * auto-vacuum, so retention can hand freed pages back and the exported file actually shrinks.
 */
export function migrate(db: Database): number {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) throw new SchemaTooNewError(from);
  if (from === SCHEMA_VERSION) return from;
  const fresh = from === 0 && Number(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type='table'")) === 0;
  if (fresh) db.exec('PRAGMA auto_vacuum=INCREMENTAL');
  for (const m of MIGRATIONS) {
    if (m.to <= from) continue;
    db.exec('BEGIN');
    try {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version=${m.to}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw new Error(`history schema migration to v${m.to} failed: ${(err as Error).message}`);
    }
  }
  // An old file without auto-vacuum: switching it on needs one VACUUM (done once, at the upgrade).
  if (!fresh && Number(scalar(db, 'PRAGMA auto_vacuum')) !== 2) db.exec('PRAGMA auto_vacuum=INCREMENTAL; VACUUM;');
  return from;
}
