// The history journal (`<file>.journal`): acknowledged runs live there until a snapshot holds them. A torn last
// line, a run in both the journal and the snapshot (counted once, also after retention
// folded it), and unreadable lines (skipped with a warning, the journal kept aside).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../../src/core/history/store';
import type { Logger } from '../../src/core/util/log';
import { walResult } from '../helpers/historyFixtures';

const DAY = 86_400_000;
const meta = { cluster: 'test', profile: 'generic' };
const T0 = Date.parse('2026-03-01T00:00:00Z');
/** A clock one day after the runs: retention leaves them raw. */
const now = () => new Date(T0 + DAY);

function capturingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, trace() {}, debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
}

/** Every journal line after the header parses as JSON (no torn fragment glued to a record). */
function journalLines(file: string): unknown[] {
  const text = readFileSync(`${file}.journal`, 'utf8');
  assert.ok(text.endsWith('\n'), 'the journal ends with a complete line');
  return text.trimEnd().split('\n').map((l) => JSON.parse(l));
}

describe('history journal', () => {
  test('a torn last line is ignored, and the next writer cuts it off before appending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-journal-'));
    try {
      const file = join(dir, 'h.sqlite');
      const t0 = T0;
      const a = await openHistoryStore(file, { now });
      for (let i = 1; i <= 3; i++) await a.record(walResult(t0 + i * 60_000, { m1: i / 1000 }), meta);
      // What a writer killed mid-append leaves: the start of a line, no newline.
      const lines = readFileSync(`${file}.journal`, 'utf8').split('\n');
      appendFileSync(`${file}.journal`, lines[1].slice(0, 40));
      const log = capturingLog();
      const b = await openHistoryStore(file, { log, now });
      assert.deepEqual((await b.runs()).map((r) => r.id), [3, 2, 1]);
      assert.equal(await b.record(walResult(t0 + 4 * 60_000, { m1: 0.004 }), meta), 4);
      assert.equal(journalLines(file).length, 1 + 4, 'header + four records, the fragment is gone');
      const c = await openHistoryStore(file, { log, now });
      assert.deepEqual((await c.trend({ metric: 'wal_fsync_duration' })).m1.map((p) => p.value), [0.001, 0.002, 0.003, 0.004]);
      assert.deepEqual(log.warnings, [], 'a torn tail is expected after a crash: no warning');
      for (const s of [a, b, c]) await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a run in both the snapshot and the journal counts once (same journal, and one whose position is unknown)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-journal-'));
    try {
      const file = join(dir, 'h.sqlite');
      const t0 = T0;
      const a = await openHistoryStore(file, { now });
      for (let i = 1; i <= 3; i++) await a.record(walResult(t0 + i * 60_000, { m1: i / 1000, m2: i / 500 }), meta);
      const journal = readFileSync(`${file}.journal`);
      await a.snapshot();
      assert.ok(!existsSync(`${file}.journal`), 'a snapshot retires the journal');
      // A crash between the snapshot's rename and the journal's removal leaves both.
      writeFileSync(`${file}.journal`, journal);
      const b = await openHistoryStore(file, { now });
      assert.equal((await b.stats()).runs, 3);
      assert.equal((await b.trend({ metric: 'wal_fsync_duration' })).m2.length, 3);
      await b.close();
      // Same records under another generation: the snapshot's journal position does not apply; run UUIDs do.
      const other = journal.toString('utf8').replace(/"gen":"[^"]+"/, '"gen":"another-generation"');
      writeFileSync(`${file}.journal`, other);
      const c = await openHistoryStore(file, { now });
      assert.equal((await c.stats()).runs, 3);
      assert.deepEqual((await c.trend({ metric: 'wal_fsync_duration' })).m1.map((p) => p.runId), [1, 2, 3]);
      const id = await c.record(walResult(t0 + 4 * 60_000, { m1: 0.004 }), meta);
      assert.equal(id, 4);
      await c.close();
      await a.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('runs that retention folded at the snapshot are not replayed as raw runs from a leftover journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-journal-'));
    try {
      const file = join(dir, 'h.sqlite');
      const day0 = Date.parse('2026-02-01T00:00:00Z');
      const now = () => new Date(day0 + 40 * DAY);
      const a = await openHistoryStore(file, { retentionDays: 30, now });
      await Promise.all([1, 2, 3].map((d) => a.record(walResult(day0 + d * DAY, { m1: d / 1000 }), meta)));
      const journal = readFileSync(`${file}.journal`);
      assert.equal((await a.maintain()).foldedRuns, 3);
      writeFileSync(`${file}.journal`, journal);
      const b = await openHistoryStore(file, { retentionDays: 30, now });
      const st = await b.stats();
      assert.equal(st.runs, 0, 'no raw run came back');
      const trend = (await b.trend({ metric: 'wal_fsync_duration' })).m1;
      assert.deepEqual(trend.map((p) => [p.runId <= 0, Math.round(p.value! * 1000)]), [[true, 1], [true, 2], [true, 3]]);
      await b.close();
      await a.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('unreadable complete lines are skipped with a warning; the rest replays; the journal is kept aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-journal-'));
    try {
      const file = join(dir, 'h.sqlite');
      const t0 = T0;
      const a = await openHistoryStore(file, { now });
      for (let i = 1; i <= 2; i++) await a.record(walResult(t0 + i * 60_000, { m1: i / 1000 }), meta);
      appendFileSync(`${file}.journal`, '{"this is": not json}\n{"v":1,"uuid":"no other fields"}\n');
      const log = capturingLog();
      const b = await openHistoryStore(file, { log, now });
      assert.equal(await b.record(walResult(t0 + 3 * 60_000, { m1: 0.003 }), meta), 3);
      assert.equal(log.warnings.length, 2, log.warnings.join('\n'));
      assert.match(log.warnings[0], /skipped an unreadable line at byte \d+ of .*h\.sqlite\.journal \(not JSON/);
      assert.match(log.warnings[1], /not a run record/);
      const c = await openHistoryStore(file, { now });
      assert.deepEqual((await c.trend({ metric: 'wal_fsync_duration' })).m1.map((p) => p.value), [0.001, 0.002, 0.003]);
      await c.snapshot();
      const aside = readdirSync(dir).filter((n) => n.startsWith('h.sqlite.journal.corrupt-'));
      assert.equal(aside.length, 1, 'the journal with the bad lines is kept for inspection');
      assert.match(readFileSync(join(dir, aside[0]), 'utf8'), /not json/);
      assert.ok(!existsSync(`${file}.journal`));
      const d = await openHistoryStore(file, { now });
      assert.equal((await d.stats()).runs, 3);
      for (const s of [a, b, c, d]) await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a journal file without our header is kept aside, never overwritten, and the store carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'history-journal-'));
    try {
      const file = join(dir, 'h.sqlite');
      writeFileSync(`${file}.journal`, 'someone else\'s notes\nsecond line\n');
      const log = capturingLog();
      const s = await openHistoryStore(file, { log, now });
      assert.match(log.warnings.join('\n'), /unreadable line at byte 0 .*not a journal header/);
      assert.equal(await s.record(walResult(T0 + 60_000, { m1: 0.001 }), meta), 1);
      const aside = readdirSync(dir).filter((n) => n.startsWith('h.sqlite.journal.corrupt-'));
      assert.equal(aside.length, 1);
      assert.equal(readFileSync(join(dir, aside[0]), 'utf8'), 'someone else\'s notes\nsecond line\n');
      assert.equal(journalLines(file).length, 2, 'a fresh journal: header + the new run');
      await s.close();
      const again = await openHistoryStore(file, { now });
      assert.equal((await again.stats()).runs, 1);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
