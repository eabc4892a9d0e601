// An advisory lock between processes sharing one history file: `<file>.lock` created with O_EXCL ('wx').
// The holder writes {pid, token, at}. A lock whose pid is gone (kill -9) or that is older than `staleMs`
// (a hung holder, or a pid reused after a crash) is broken. POSIX has no "delete if unchanged", so whoever
// removes a lock file (a breaker, or the holder releasing) first takes a short guard `<file>.lock.break`
// ('wx' too): under it the lock can only appear when absent (O_EXCL) and only disappear by the guard holder,
// so "re-read, still the same stale lock, unlink" cannot remove a lock someone took after our look.
import { promises as fsp } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pidAlive } from '../util/pidAlive';
import type { Logger } from '../util/log';

export interface LockOptions {
  /** A lock older than this is broken even if its pid still runs. */
  staleMs?: number;
  /** Give up waiting after this long; defaults to longer than `staleMs`, so a waiter outlives a hung holder. */
  timeoutMs?: number;
  log?: Logger;
}

interface LockInfo {
  pid: number;
  token: string;
  at: number;
}

const DEFAULT_STALE_MS = 30_000;
/** A guard is held for a read and an unlink: one older than this belongs to a crashed or hung process. */
const GUARD_STALE_MS = 2_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const token = await acquire(lockPath, opts);
  try {
    return await fn();
  } finally {
    await release(lockPath, token, opts.log);
  }
}

async function acquire(lockPath: string, opts: LockOptions): Promise<string> {
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + (opts.timeoutMs ?? staleMs + 15_000);
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const body = JSON.stringify({ pid: process.pid, token, at: Date.now() } satisfies LockInfo);
  let wait = 5;
  for (;;) {
    try {
      const fh = await fsp.open(lockPath, 'wx', 0o600);
      try {
        await fh.writeFile(body);
      } finally {
        await fh.close();
      }
      return token;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = await readLock(lockPath);
    if (seen && isStale(seen, staleMs)) {
      await breakLock(lockPath, seen, staleMs, opts.log);
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the history file is locked by process ${seen?.info?.pid ?? '?'} (${lockPath}); ` +
          'if no other editor window or CLI is writing history, delete the lock file',
      );
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(50, wait * 2);
  }
}

/** What a look at the lock file saw; `ino` + `raw` tell one lock file from a later one. */
export interface SeenLock {
  info?: LockInfo;
  raw: string;
  ino: number;
  mtimeMs: number;
}

/** Reads content and identity from one open handle, so both describe the same file. */
export async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(lockPath, 'r');
  } catch {
    return undefined; // released meanwhile
  }
  try {
    const [raw, st] = await Promise.all([fh.readFile('utf8'), fh.stat()]);
    let info: LockInfo | undefined;
    try {
      const j = JSON.parse(raw) as LockInfo;
      if (typeof j.pid === 'number' && typeof j.token === 'string') info = j;
    } catch {
      /* empty or half-written: its creator died between create and write, or is writing right now */
    }
    return { info, raw, ino: st.ino, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  if (!seen.info) return Date.now() - seen.mtimeMs > GUARD_STALE_MS; // unreadable body: give its writer 2 s
  return !pidAlive(seen.info.pid) || Date.now() - seen.info.at > staleMs;
}

/**
 * Removes the lock only if it is still the very file judged stale (same inode and content, still stale).
 * Exported for tests, which replay breaker interleavings with it.
 */
export async function breakLock(lockPath: string, seen: SeenLock, staleMs: number, log?: Logger): Promise<boolean> {
  return withGuard(lockPath, async () => {
    const now = await readLock(lockPath);
    if (!now || now.ino !== seen.ino || now.raw !== seen.raw || !isStale(now, staleMs)) return false; // released, or taken anew
    await fsp.unlink(lockPath);
    log?.warn(`history: removed a stale lock of process ${seen.info?.pid ?? '?'} (${lockPath})`);
    return true;
  });
}

async function release(lockPath: string, token: string, log?: Logger): Promise<void> {
  // Under the guard too: a holder that outlived `staleMs` may have been broken and replaced meanwhile.
  await withGuard(lockPath, async () => {
    const now = await readLock(lockPath);
    if (now?.info?.token === token) await fsp.unlink(lockPath).catch(() => undefined);
  }).catch((err) => log?.warn(`history: could not release ${lockPath}: ${(err as Error).message}`));
}

/** Runs `fn` holding `<lock>.break`; waits for a live holder (they keep it for milliseconds), breaks a stale one. */
async function withGuard<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const guardPath = `${lockPath}.break`;
  const deadline = Date.now() + GUARD_STALE_MS * 3;
  let wait = 2;
  for (;;) {
    try {
      await (await fsp.open(guardPath, 'wx', 0o600)).close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const st = await fsp.stat(guardPath).catch(() => undefined);
    // Left by a process that died inside the guard. (Two processes breaking the same dead guard at once is
    // the one remaining race; it needs a crash inside a millisecond section plus a collision 2 s later.)
    if (st && Date.now() - st.mtimeMs > GUARD_STALE_MS) {
      await fsp.unlink(guardPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${guardPath} stays held; delete it if no history writer runs`);
    await sleep(wait + Math.random() * wait);
    wait = Math.min(25, wait * 2);
  }
  try {
    return await fn();
  } finally {
    await fsp.unlink(guardPath).catch(() => undefined);
  }
}
