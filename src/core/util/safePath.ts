// Checks a path before the analyzer writes to it (history file, report files, report folder): only a regular file or
// a path to create is accepted. Writes replace files by rename, so writing to `/dev/null`, a FIFO or a socket would
// replace that special file with a regular one (as root, the machine's /dev/null); a read-only file is the user's
// "do not touch", and a directory where a file is expected would fail late with a confusing error.
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** A path the analyzer refuses to write: the message names the path, what it is, and what to do. */
export class PathRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathRefused';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path); // follows symlinks: a link to /dev/null is judged as /dev/null
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new PathRefused(`${path}: a parent of it is a file, not a directory`);
    throw new PathRefused(`${path} cannot be inspected (${code ?? (err as Error).message})`);
  }
}

/** Whether this process may write `st`: mode bits first (root passes access() checks even on 0444 files). */
function writable(path: string, st: Stats): boolean {
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  if (uid === 0 || uid === st.uid) return (st.mode & 0o200) !== 0;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `what` ("history file", "report file") names the role in the message. Accepts a regular writable file or a path
 * whose nearest existing ancestor is a writable directory; throws PathRefused otherwise.
 */
export function checkFileTarget(path: string, what: string): void {
  const st = statOrUndefined(path);
  if (st) {
    if (!st.isFile()) throw new PathRefused(`${what} ${path} is ${kindOf(st)}, not a regular file: name a file to create instead`);
    if (!writable(path, st)) throw new PathRefused(`${what} ${path} is read-only: it is left as it is; make it writable or name another file`);
    return;
  }
  checkDirTarget(dirname(path), `folder of the ${what}`);
}

/** A folder to write into (created when missing): an existing path must be a writable directory. */
export function checkDirTarget(dir: string, what: string): void {
  let d = dir;
  for (let i = 0; i < 64; i++) {
    const st = statOrUndefined(d);
    if (st) {
      if (!st.isDirectory()) throw new PathRefused(`${what} ${d} is ${kindOf(st)}, not a directory: name a folder instead`);
      if (!writable(d, st)) throw new PathRefused(`${what} ${d} is not writable: choose a folder you can write to`);
      return;
    }
    const up = dirname(d);
    if (up === d) return;
    d = up;
  }
}

/** The mode/owner of an existing file, so a replacement keeps them (undefined when there is no file). */
export function existingOwnership(path: string): { mode: number; uid: number; gid: number } | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } : undefined;
  } catch {
    return undefined;
  }
}
