// Crash safety: a writer process records runs in a loop (acknowledging each on stdout once record() resolved) and
// is killed with SIGKILL at random moments, 50 times. After every kill the file must open (never moved aside as
// corrupt) and hold every acknowledged run. Kills land mid-write too: leftover temp files and locks prove it.
// Half the writers snapshot after every batch, half rarely, so kills land in both windows; the second test pins
// down a writer killed before its first snapshot (its runs only in the journal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHistoryStore } from '../../src/core/history/store';
import type { Logger } from '../../src/core/util/log';
import { bundleWriter, startWriter, type Writer } from '../helpers/historyProcess';

const KILLS = 50;

test(`history survives ${KILLS} kill -9 of its writer with every acknowledged run kept`, { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-crash-'));
  const warnings: string[] = [];
  const log: Logger = { trace() {}, debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  let live: Writer | undefined; // a writer that hangs (never ready) is still killed when the test ends
  try {
    const script = await bundleWriter(dir);
    const file = join(dir, 'history.sqlite');
    const allAcked = new Set<number>();
    let midWrite = 0;
    let locksLeft = 0;
    for (let i = 0; i < KILLS; i++) {
      // Odd writers write a snapshot after every batch (kills land mid-snapshot: export, temp file, rename, journal
      // removal); even ones only every 50 runs (kills land on journal appends, runs live in the journal).
      const w = startWriter(script, file, 0, `k${i}`, { snapshotEvery: i % 2 ? 1 : 50 });
      live = w;
      await w.ready;
      assert.equal(w.child.exitCode, null, `writer ${i} died before ready: ${w.stderr()}`);
      // Random moment: mostly while a write is in flight (the writer does nothing else).
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      w.child.kill('SIGKILL');
      await w.exited;
      for (const id of w.acked) allAcked.add(id);
      const names = readdirSync(dir);
      if (names.some((n) => n.startsWith('history.sqlite.tmp-'))) midWrite++;
      if (existsSync(`${file}.lock`)) locksLeft++;

      const store = await openHistoryStore(file, { log });
      const ids = new Set((await store.runs({ limit: 1_000_000 })).map((r) => r.id));
      await store.close();
      const lost = [...allAcked].filter((id) => !ids.has(id));
      assert.deepEqual(lost, [], `after kill ${i + 1}: acknowledged runs missing from the file`);
      assert.ok(!readdirSync(dir).some((n) => n.includes('.corrupt-')), `after kill ${i + 1}: the file was judged corrupt`);
    }
    assert.deepEqual(warnings.filter((w) => !/stale lock/.test(w)), []);
    assert.ok(allAcked.size >= KILLS / 2, `writers acknowledged ${allAcked.size} runs in total (too few to prove anything)`);
    console.log(`history crash: ${KILLS} kills, ${allAcked.size} acknowledged runs all kept; ${midWrite} kills left a temp file (mid-write), ${locksLeft} left a lock`);
  } finally {
    if (live && live.child.exitCode === null) live.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a writer killed with -9 before any snapshot: its acknowledged runs are replayed from the journal', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-journal-kill-'));
  let w: Writer | undefined;
  try {
    const script = await bundleWriter(dir);
    const file = join(dir, 'h.sqlite');
    w = startWriter(script, file, 0, 'kill');
    await w.ready;
    while (w.acked.length < 5 && w.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    w.child.kill('SIGKILL');
    await w.exited;
    assert.ok(w.acked.length >= 5, `acknowledged ${w.acked.length} runs: ${w.stderr()}`);
    assert.ok(existsSync(`${file}.journal`), 'the runs are in the journal');
    const s = await openHistoryStore(file);
    const ids = new Set((await s.runs({ limit: 10_000 })).map((r) => r.id));
    assert.deepEqual(w.acked.filter((id) => !ids.has(id)), []);
    const st = await s.stats();
    assert.ok(st.journalRuns >= w.acked.length, `${st.journalRuns} runs replayed from the journal`);
    await s.close();
  } finally {
    if (w && w.child.exitCode === null) w.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
