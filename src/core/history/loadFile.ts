// Reads the history file into an in-memory sql.js database, migrated to the current schema. A file that is not
// a readable SQLite database of ours is moved aside as `<file>.corrupt-<time>` (kept for the user to inspect)
// and a fresh store starts, with a warning through the Logger. A file from a newer build is never touched.
import { promises as fsp } from 'node:fs';
import type { SqlJsStatic } from 'sql.js';
import type { Database } from './sqlite';
import { all } from './sqlite';
import { applyConnectionPragmas, migrate, SchemaTooNewError } from './schema';
import type { Logger } from '../util/log';

/** What the in-memory copy was read from: a different identity on disk means another process wrote since. */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface Loaded {
  db: Database;
  identity?: FileIdentity;
  migratedFrom: number;
}

export class CorruptHistoryError extends Error {}

const MAGIC = 'SQLite format 3\0';

export function sameIdentity(a?: FileIdentity, b?: FileIdentity): boolean {
  if (!a || !b) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export async function statIdentity(file: string): Promise<FileIdentity | undefined> {
  try {
    const st = await fsp.stat(file);
    return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Reads through one descriptor so the identity describes exactly the bytes read (a rename may race the read). */
async function readWithIdentity(file: string): Promise<{ bytes: Buffer; identity: FileIdentity } | undefined> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CorruptHistoryError(`cannot be read (${(err as Error).message})`);
  }
  try {
    const st = await fh.stat();
    const bytes = await fh.readFile();
    return { bytes, identity: { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs } };
  } finally {
    await fh.close();
  }
}

/** Checks the header against the length: a truncated file is caught here, before SQLite reads garbage pages. */
function checkHeader(bytes: Buffer): void {
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== MAGIC) {
    throw new CorruptHistoryError('is not an SQLite database');
  }
  const raw = bytes.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = bytes.readUInt32BE(28);
  if (pages > 0 && pageSize * pages > bytes.length) {
    throw new CorruptHistoryError(`is truncated (${bytes.length} of ${pageSize * pages} bytes)`);
  }
}

export function openBytes(SQL: SqlJsStatic, bytes?: Buffer): Loaded {
  if (bytes && bytes.length) checkHeader(bytes);
  const db = new SQL.Database(bytes && bytes.length ? bytes : undefined);
  try {
    if (bytes && bytes.length) {
      const check = all(db, 'PRAGMA quick_check(1)')[0]?.[0];
      if (check !== 'ok') throw new CorruptHistoryError(`failed the integrity check (${String(check).slice(0, 120)})`);
    }
    const migratedFrom = migrate(db);
    applyConnectionPragmas(db);
    return { db, migratedFrom };
  } catch (err) {
    db.close();
    if (err instanceof SchemaTooNewError || err instanceof CorruptHistoryError) throw err;
    throw new CorruptHistoryError(`could not be opened (${(err as Error).message})`);
  }
}

/** Loads `file` (missing or empty → fresh store). Throws CorruptHistoryError; the caller decides to move it aside. */
export async function loadFile(SQL: SqlJsStatic, file: string): Promise<Loaded> {
  const read = await readWithIdentity(file);
  const loaded = openBytes(SQL, read?.bytes);
  return { ...loaded, identity: read?.identity };
}

/** Moves a bad file out of the way; returns the new name. */
export async function moveAside(file: string, reason: string, log: Logger): Promise<string> {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await fsp.rename(file, aside);
  log.warn(`history: ${file} ${reason}; moved it to ${aside} and started a fresh history store`);
  return aside;
}
