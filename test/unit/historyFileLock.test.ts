// The history file lock: breaking a stale lock never leaves two holders, whatever the interleaving of breakers.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breakLock, readLock, withFileLock } from '../../src/core/history/fileLock';

const STALE = 30_000;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'history-lock-'));
}

/** A lock a hung holder left: a live pid (ours), taken long ago. */
function writeStaleLock(lockPath: string, token = 'hung-holder'): void {
  writeFileSync(lockPath, JSON.stringify({ pid: process.pid, token, at: Date.now() - 10 * STALE }));
}

/** Resolves when `hold()` is called, so a test can keep a holder inside its section. */
function gate(): { entered: Promise<void>; release: () => void; hold: () => Promise<void> } {
  let entered!: () => void;
  let release!: () => void;
  const enteredP = new Promise<void>((r) => (entered = r));
  const released = new Promise<void>((r) => (release = r));
  return { entered: enteredP, release, hold: () => (entered(), released) };
}

describe('history file lock', () => {
  test('a late breaker with an old view of a stale lock leaves the new holder alone', async () => {
    const dir = tmp();
    try {
      const lock = join(dir, 'h.sqlite.lock');
      writeStaleLock(lock);
      const seen = await readLock(lock); // breakers B and C both judged this lock stale
      assert.ok(seen);
      assert.equal(await breakLock(lock, seen, STALE), true); // B breaks it
      const g = gate();
      const holder = withFileLock(lock, () => g.hold()); // A takes the lock anew
      await g.entered;
      const held = readFileSync(lock, 'utf8');
      // C, acting on its earlier look, must not touch A's fresh lock, not even for a moment (the old code renamed
      // it aside and back, a window in which a third process could create its own and both would hold).
      assert.equal(await breakLock(lock, seen, STALE), false);
      assert.equal(readFileSync(lock, 'utf8'), held);
      // So a fourth contender finds the lock held and gives up instead of entering next to A.
      await assert.rejects(() => withFileLock(lock, async () => 'entered', { timeoutMs: 100 }), /locked by process/);
      g.release();
      await holder;
      assert.equal(existsSync(lock), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a breaker waits while another one holds the .break guard, then re-checks', async () => {
    const dir = tmp();
    try {
      const lock = join(dir, 'h.sqlite.lock');
      writeStaleLock(lock);
      const seen = await readLock(lock);
      assert.ok(seen);
      // Another breaker is inside its section: it removes the stale lock and a new holder takes one.
      writeFileSync(`${lock}.break`, '');
      const waiting = breakLock(lock, seen, STALE);
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(readFileSync(lock, 'utf8'), seen.raw, 'nothing removed while the guard is held');
      rmSync(lock);
      writeFileSync(lock, JSON.stringify({ pid: process.pid, token: 'new-holder', at: Date.now() }));
      rmSync(`${lock}.break`);
      assert.equal(await waiting, false);
      assert.match(readFileSync(lock, 'utf8'), /new-holder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a .break guard left by a crashed breaker is itself broken after 2 s', async () => {
    const dir = tmp();
    try {
      const lock = join(dir, 'h.sqlite.lock');
      writeStaleLock(lock);
      writeFileSync(`${lock}.break`, '');
      const old = new Date(Date.now() - 10_000);
      utimesSync(`${lock}.break`, old, old);
      assert.equal(await withFileLock(lock, async () => 'entered'), 'entered');
      assert.equal(existsSync(lock), false);
      assert.equal(existsSync(`${lock}.break`), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('contenders racing to break one stale lock enter one at a time', async () => {
    const dir = tmp();
    try {
      const lock = join(dir, 'h.sqlite.lock');
      writeStaleLock(lock);
      let inside = 0;
      let maxInside = 0;
      let entries = 0;
      const contender = () =>
        withFileLock(lock, async () => {
          inside++;
          entries++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 3));
          inside--;
        });
      await Promise.all(Array.from({ length: 6 }, contender));
      assert.equal(entries, 6);
      assert.equal(maxInside, 1);
      assert.equal(existsSync(lock), false);
      assert.equal(existsSync(`${lock}.break`), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
