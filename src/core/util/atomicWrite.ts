// Crash-safe replacement of a whole file: write a temp file beside it, fsync it, rename it over the target,
// fsync the directory. A reader (or a process killed at any instruction) sees either the old or the new
// file, never a mix; once this resolves the new content survives a power cut.
import { promises as fsp, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pidAlive } from './pidAlive';
import { checkFileTarget, existingOwnership } from './safePath';

const TMP_MARK = '.tmp-';

/** `mode`: 0o600 by default (history is private); reports meant for sharing pass 0o644 (still under the umask). */
export async function writeFileAtomic(file: string, data: Uint8Array, mode = 0o600): Promise<void> {
  // The rename would replace a device, FIFO or read-only file with a regular one: refuse those.
  checkFileTarget(file, 'file');
  // An existing file keeps its mode and owner (the user chose them); `mode` applies to new files only.
  const keep = existingOwnership(file);
  const tmp = `${file}${TMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await fsp.open(tmp, 'w', keep?.mode ?? mode);
  try {
    if (keep) {
      await fh.chmod(keep.mode);
      if (process.getuid?.() === 0) await fh.chown(keep.uid, keep.gid);
    }
    let off = 0;
    while (off < data.byteLength) {
      const { bytesWritten } = await fh.write(data, off, data.byteLength - off);
      off += bytesWritten;
    }
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dirname(file));
}

/** Makes the rename itself durable. Windows cannot open directories for fsync: that platform skips it. */
export async function fsyncDir(dir: string): Promise<void> {
  let dh: fsp.FileHandle | undefined;
  try {
    dh = await fsp.open(dir, 'r');
    await dh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw err;
  } finally {
    await dh?.close().catch(() => undefined);
  }
}

/** Removes temp files left by writers that were killed mid-write (their pid is gone, or they are old). */
export function removeOrphanTemps(file: string, maxAgeMs = 10 * 60_000): number {
  const dir = dirname(file);
  const prefix = basename(file) + TMP_MARK;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    const full = join(dir, name);
    try {
      const old = Date.now() - statSync(full).mtimeMs > maxAgeMs;
      if (old || !pidAlive(pid)) {
        unlinkSync(full);
        removed++;
      }
    } catch {
      /* raced with its owner finishing the rename: fine */
    }
  }
  return removed;
}
