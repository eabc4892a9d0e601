// History store: round trip, migration from a hand-made v1 file, corrupt files moved aside, retention and size cap.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../../src/core/history/store';
import { loadSqlJs } from '../../src/core/history/sqlite';
import type { Logger } from '../../src/core/util/log';
import { walResult, wideResult } from '../helpers/historyFixtures';

const DAY = 86_400_000;
const meta = { cluster: 'test', profile: 'generic' };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'history-unit-'));
}

function capturingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, trace() {}, debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
}

describe('history store', () => {
  test('records runs durably, returns ids, trends and runs', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'h.sqlite');
      const t0 = Date.parse('2026-03-01T00:00:00Z');
      const now = () => new Date(t0 + 10 * DAY);
      const s = await openHistoryStore(file, { now });
      const ids = await Promise.all([1, 2, 3].map((i) => s.record(walResult(t0 + i * 3_600_000, { m1: 0.001 * i, m2: 0.002 * i }), meta)));
      assert.deepEqual(ids, [1, 2, 3]);
      // Acknowledged means on disk: a second store opened on the file sees them without any close/flush.
      const other = await openHistoryStore(file, { now });
      const trend = await other.trend({ metric: 'wal_fsync_duration', statistic: 'p99' });
      assert.deepEqual(Object.keys(trend).sort(), ['m1', 'm2']);
      assert.deepEqual(trend.m2.map((p) => p.value), [0.002, 0.004, 0.006]);
      assert.deepEqual(trend.m1.map((p) => p.runId), [1, 2, 3]);
      const one = await other.trend({ metric: 'wal_fsync_duration', statistic: 'p50', runId: 2 });
      assert.deepEqual(one.m1.map((p) => p.value), [0.0005]);
      const runs = await other.runs({ limit: 2 });
      assert.deepEqual(runs.map((r) => r.id), [3, 2]);
      assert.equal(runs[0].rangeEnd, new Date(t0 + 3 * 3_600_000).toISOString());
      // The other process-like store writes; the first one sees that write before its next read.
      const id4 = await other.record(walResult(t0 + 4 * 3_600_000, { m1: 0.004 }), meta);
      assert.equal(id4, 4);
      assert.equal((await s.trend({ metric: 'wal_fsync_duration', member: 'm1' })).m1.length, 4);
      await other.close();
      await s.close();
      await assert.rejects(() => s.trend({ metric: 'x' }), /closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('migrates a v1 file (made by hand) to the current schema, keeping its runs, values and findings', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'v1.sqlite');
      const SQL = await loadSqlJs();
      const v1 = new SQL.Database();
      v1.exec(`
        CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, tool TEXT NOT NULL,
          cluster TEXT NOT NULL, profile TEXT NOT NULL, range_start TEXT NOT NULL, range_end TEXT NOT NULL,
          status TEXT NOT NULL, summary TEXT NOT NULL);
        CREATE TABLE metric_summaries (run_id INTEGER NOT NULL, metric TEXT NOT NULL, member TEXT NOT NULL,
          statistic TEXT NOT NULL, value REAL, unit TEXT NOT NULL);
        CREATE INDEX metric_summaries_run ON metric_summaries(run_id);
        CREATE TABLE findings (run_id INTEGER NOT NULL, finding_id TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL,
          category TEXT NOT NULL, member TEXT NOT NULL, title TEXT NOT NULL, evidence TEXT NOT NULL);
        CREATE INDEX findings_run ON findings(run_id);
        INSERT INTO runs VALUES (7, '2026-01-10T10:00:05.000Z', 'get_etcd_disk_wal_fsync', 'old', 'generic',
          '2026-01-10T09:00:00.000Z', '2026-01-10T10:00:00.000Z', 'ok', 'v1 run a');
        INSERT INTO runs VALUES (9, '2026-01-11T10:00:05.000Z', 'get_etcd_disk_wal_fsync', 'old', 'generic',
          '2026-01-11T09:00:00.000Z', '2026-01-11T10:00:00.000Z', 'ok', 'v1 run b');
        INSERT INTO metric_summaries VALUES (7, 'wal_fsync_duration', 'm1', 'p99', 0.003, 'seconds');
        INSERT INTO metric_summaries VALUES (7, 'wal_fsync_duration', 'm2', 'p99', NULL, 'seconds');
        INSERT INTO metric_summaries VALUES (9, 'wal_fsync_duration', 'm1', 'p99', 0.005, 'seconds');
        INSERT INTO findings VALUES (9, 'wal_fsync_p99_high:m1', 'wal_fsync_p99_high', 'warning', 'disk', 'm1', 'slow', '[]');
        PRAGMA user_version = 1;
      `);
      writeFileSync(file, v1.export());
      v1.close();

      const s = await openHistoryStore(file, { now: () => new Date('2026-01-12T00:00:00Z') });
      const runs = await s.runs();
      assert.deepEqual(runs.map((r) => [r.id, r.rangeEnd, r.cluster]), [
        [9, '2026-01-11T10:00:00.000Z', 'old'],
        [7, '2026-01-10T10:00:00.000Z', 'old'],
      ]);
      const trend = await s.trend({ metric: 'wal_fsync_duration', statistic: 'p99' });
      assert.deepEqual(trend.m1.map((p) => [p.runId, p.value]), [[7, 0.003], [9, 0.005]]);
      assert.deepEqual(trend.m2.map((p) => p.value), [null]);
      // New ids continue after the migrated ones; the write stores the file at the new version.
      const id = await s.record(walResult(Date.parse('2026-01-11T12:00:00Z'), { m1: 0.004 }), meta);
      assert.equal(id, 10);
      await s.close();
      const db = new SQL.Database(readFileSync(file));
      assert.equal(db.exec('PRAGMA user_version')[0].values[0][0], 3);
      assert.deepEqual(db.exec('SELECT run_id, rule, at FROM findings')[0].values, [[9, 'wal_fsync_p99_high', Date.parse('2026-01-11T10:00:00Z')]]);
      assert.equal(db.exec("SELECT count(*) FROM sqlite_master WHERE name IN ('metric_summaries','runs_v1','findings_v1')")[0].values[0][0], 0);
      assert.equal(db.exec('PRAGMA auto_vacuum')[0].values[0][0], 2);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a corrupt file is moved aside with a warning and a fresh store starts', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'bad.sqlite');
      writeFileSync(file, 'this is not a database, just text that happens to be here '.repeat(50));
      const log = capturingLog();
      const s = await openHistoryStore(file, { log });
      assert.equal(log.warnings.length, 1);
      assert.match(log.warnings[0], /not an SQLite database; moved it to .*\.corrupt-/);
      const aside = readdirSync(dir).filter((f) => f.startsWith('bad.sqlite.corrupt-'));
      assert.equal(aside.length, 1);
      assert.match(readFileSync(join(dir, aside[0]), 'utf8'), /^this is not a database/);
      assert.deepEqual(await s.runs(), []);
      assert.equal(await s.record(walResult(Date.now(), { m1: 0.001 }), meta), 1);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a truncated database (valid header, missing pages) is moved aside too', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 't.sqlite');
      const s = await openHistoryStore(file);
      for (let i = 0; i < 20; i++) await s.record(wideResult(Date.now() - i * 60_000, ['m1', 'm2'], 20, i), meta);
      await s.close();
      const full = readFileSync(file);
      writeFileSync(file, full.subarray(0, Math.floor(full.length / 2)));
      const log = capturingLog();
      const again = await openHistoryStore(file, { log });
      assert.match(log.warnings.join('\n'), /truncated/);
      assert.deepEqual(await again.runs(), []);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file from a newer schema is refused, not moved aside', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'new.sqlite');
      const SQL = await loadSqlJs();
      const db = new SQL.Database();
      db.exec('CREATE TABLE t (x); PRAGMA user_version = 99;');
      writeFileSync(file, db.export());
      db.close();
      await assert.rejects(() => openHistoryStore(file), /schema version 99, newer than this build/);
      assert.deepEqual(readdirSync(dir), ['new.sqlite']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('retention folds runs older than N days into daily aggregates that trends still show', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'r.sqlite');
      const day0 = Date.parse('2026-02-01T00:00:00Z');
      const now = day0 + 40 * DAY;
      const s = await openHistoryStore(file, { retentionDays: 30, now: () => new Date(now) });
      // Two runs a day for 40 days: m1 p99 = day number (ms), so a day's mean is known.
      await Promise.all(
        Array.from({ length: 40 }, (_, d) => [6, 18].map((h) => s.record(walResult(day0 + d * DAY + h * 3_600_000, { m1: (d + 1) / 1000 }), meta))).flat(),
      );
      await s.maintain(); // retention may already have run while the batch was written: the outcome is what counts
      const stats = await s.stats();
      assert.equal(stats.runs, 60);
      assert.equal(stats.aggregateDays, 10);
      const trend = (await s.trend({ metric: 'wal_fsync_duration', statistic: 'p99' })).m1;
      assert.equal(trend.length, 10 + 60);
      const agg = trend.filter((p) => p.runId <= 0);
      assert.equal(agg.length, 10);
      assert.deepEqual(agg.map((p) => Math.round(p.value! * 1000)), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal(agg[0].at, new Date(day0 + DAY / 2).toISOString());
      assert.ok(trend.every((p, i) => i === 0 || p.at >= trend[i - 1].at), 'oldest first');
      // Folding again changes nothing; a reopened store reads the same.
      assert.equal((await s.maintain()).foldedRuns, 0);
      await s.close();
      const re = await openHistoryStore(file, { retentionDays: 30, now: () => new Date(now) });
      assert.equal((await re.trend({ metric: 'wal_fsync_duration' })).m1.length, 70);
      await re.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the size cap thins the oldest data first and keeps the newest runs', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'cap.sqlite');
      const day0 = Date.parse('2026-04-01T00:00:00Z');
      const now = day0 + 20 * DAY;
      const capMB = 0.25;
      const s = await openHistoryStore(file, { retentionDays: 30, maxSizeMB: capMB, now: () => new Date(now) });
      const members = ['m1', 'm2', 'm3'];
      let last = 0;
      for (let d = 0; d < 20; d++) {
        const batch = Array.from({ length: 6 }, (_, i) => s.record(wideResult(day0 + d * DAY + i * 3_600_000, members, 15, d * 10 + i), meta));
        last = Math.max(...(await Promise.all(batch)));
      }
      const stats = await s.stats();
      assert.ok(stats.fileBytes <= capMB * 1024 * 1024, `file ${stats.fileBytes} B must be within the cap`);
      assert.ok(stats.runs > 0 && stats.runs < 120, `some raw runs were folded (${stats.runs} left)`);
      const runs = await s.runs({ limit: 1 });
      assert.equal(runs[0].id, last, 'the newest run is kept');
      const oldestRaw = Date.parse(stats.oldestRun!);
      const trend = (await s.trend({ metric: 'bench_metric_0', statistic: 'avg', member: 'm1' })).m1;
      const agg = trend.filter((p) => p.runId <= 0);
      assert.ok(agg.length > 0, 'folded days remain as daily aggregates');
      assert.ok(agg.every((p) => Date.parse(p.at) - DAY / 2 < oldestRaw), 'aggregates are older than every raw run');
      await s.close();
      assert.ok(statSync(file).size <= capMB * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('when only aggregates are left, the oldest aggregate days go first', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'cap2.sqlite');
      const day0 = Date.parse('2025-01-01T00:00:00Z');
      let now = day0;
      const s = await openHistoryStore(file, { retentionDays: 1, maxSizeMB: 0.3, now: () => new Date(now) });
      // One wide run a day for 200 days; retention (1 day) folds each into aggregates right away.
      for (let d = 0; d < 200; d += 4) {
        now = day0 + (d + 4) * DAY;
        await Promise.all([0, 1, 2, 3].map((k) => s.record(wideResult(day0 + (d + k) * DAY + 3_600_000, ['m1', 'm2', 'm3', 'm4', 'm5'], 10, d + k), meta)));
        await s.maintain();
      }
      const stats = await s.stats();
      assert.ok(stats.fileBytes <= 0.3 * 1024 * 1024, `file ${stats.fileBytes} B within the cap`);
      const trend = (await s.trend({ metric: 'bench_metric_3', statistic: 'avg', member: 'm5' })).m5;
      const days = trend.map((p) => Math.floor(Date.parse(p.at) / DAY) - day0 / DAY);
      assert.ok(days[0] > 0, 'the first days were dropped');
      assert.equal(days[days.length - 1], 199, 'the newest day is kept');
      // What is kept is contiguous up to the newest day: thinning never punches holes in the middle.
      assert.deepEqual(days, Array.from({ length: days.length }, (_, i) => days[0] + i));
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('history store close', () => {
  test('a record() racing close() is either persisted or refused, never lost', async () => {
    const dir = tmp();
    try {
      const file = join(dir, 'close.sqlite');
      const t0 = Date.parse('2026-03-01T00:00:00Z');
      const now = () => new Date(t0 + DAY);
      const s = await openHistoryStore(file, { now });
      // Each outcome is captured at once (a refusal is a rejected promise; unobserved it would be unhandled).
      const outcome = (p: Promise<number>) => p.then((id) => ({ id }), (err: Error) => ({ err }));
      const before = outcome(s.record(walResult(t0 + 3_600_000, { m1: 0.001 }), meta)); // pending (debounced) when close starts
      const closing = s.close();
      const during = outcome(s.record(walResult(t0 + 2 * 3_600_000, { m1: 0.002 }), meta)); // right after close() started
      await new Promise((r) => setImmediate(r));
      const later = outcome(s.record(walResult(t0 + 3 * 3_600_000, { m1: 0.003 }), meta)); // while the final flush runs
      const again = s.close(); // a second close waits for the same work
      const settled = await Promise.all([before, during, later]);
      await closing;
      await again;
      assert.deepEqual(settled[0], { id: 1 });
      for (const r of settled.slice(1)) {
        assert.ok('err' in r, `expected a refusal, got ${JSON.stringify(r)}`);
        assert.match(r.err.message, /history store .* is closed/);
      }
      // What was acknowledged is on disk, and nothing else: no timer wrote after close.
      const reopened = await openHistoryStore(file, { now });
      assert.deepEqual((await reopened.runs()).map((r) => r.id), [1]);
      await reopened.close();
      await assert.rejects(() => s.snapshot(), /closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
