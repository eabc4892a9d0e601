// An advisory lock between processes sharing one history file: `<file>.lock` created with O_EXCL ('wx').
// The holder writes {pid, token, at}. A lock whose pid is gone (kill -9) or that is older than `staleMs`
// (a hung holder, or a pid reused after a crash) is broken: renamed aside first, so of two processes that
// both judge it stale only one takes it, and put back if what was renamed turns out to be a fresh lock.
import { promises as fsp } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pidAlive } from './pidAlive';
import type { Logger } from '../util/log';

export interface LockOptions {
  /** A lock older than this is broken even if its pid still runs. */
  staleMs?: number;
  /** Give up waiting after this long. */
  timeoutMs?: number;
  log?: Logger;
}

interface LockInfo {
  pid: number;
  token: string;
  at: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const token = await acquire(lockPath, opts);
  try {
    return await fn();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, opts: LockOptions): Promise<string> {
  const staleMs = opts.staleMs ?? 30_000;
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
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
      await breakLock(lockPath, seen, opts.log);
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

interface SeenLock {
  info?: LockInfo;
  raw: string;
  mtimeMs: number;
}

async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [raw, st] = await Promise.all([fsp.readFile(lockPath, 'utf8'), fsp.stat(lockPath)]);
    let info: LockInfo | undefined;
    try {
      const j = JSON.parse(raw) as LockInfo;
      if (typeof j.pid === 'number' && typeof j.token === 'string') info = j;
    } catch {
      /* empty or half-written: its creator died between create and write, or is writing right now */
    }
    return { info, raw, mtimeMs: st.mtimeMs };
  } catch {
    return undefined; // released meanwhile
  }
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  const age = Date.now() - (seen.info?.at ?? seen.mtimeMs);
  if (!seen.info) return Date.now() - seen.mtimeMs > 2_000; // unreadable body: give its writer 2 s
  return !pidAlive(seen.info.pid) || age > staleMs;
}

async function breakLock(lockPath: string, seen: SeenLock, log?: Logger): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fsp.rename(lockPath, aside);
  } catch {
    return; // someone else broke or released it first
  }
  const moved = await fsp.readFile(aside, 'utf8').catch(() => '');
  if (moved !== seen.raw) {
    // We moved a lock taken after our look: put it back (link fails if yet another one exists meanwhile).
    await fsp.link(aside, lockPath).catch(() => undefined);
  } else {
    log?.warn(`history: removed a stale lock of process ${seen.info?.pid ?? '?'} (${lockPath})`);
  }
  await fsp.unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, token: string): Promise<void> {
  const raw = await fsp.readFile(lockPath, 'utf8').catch(() => '');
  if (raw.includes(`"token":"${token}"`)) await fsp.unlink(lockPath).catch(() => undefined);
}
