// The append-only journal beside the history file (`<file>.journal`): the cheap durable write.
//
// Why: sql.js can only persist by exporting the whole image (~150 ms at 50 MB) and rewriting the file
// (~100 ms with fsync), too slow to do for every run. A run is instead acknowledged once its RunRecord is
// appended here as one JSON line and fsynced (a few ms), under the same lock as every other write. The full
// snapshot is written only now and then (snapshot.ts), after which the journal is removed.
//
// Format: a header line `{"journal":1,"gen":"<uuid>"}` (a fresh generation per journal file, so a reader that
// remembers an offset notices when the file it read was replaced), then one RunRecord per line. A snapshot records
// the {gen, offset} it covers (schema v3 `meta`), so replay after a crash starts past what the snapshot holds.
// Reading stops at the last newline: a torn last line (a writer killed mid-append) is never applied, and the next
// writer cuts it off (under the lock) before appending. A complete line that does not parse is skipped with a
// warning and the journal is kept aside as `<file>.journal.corrupt-<time>` when it is retired.
import { promises as fsp } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { fsyncDir } from '../util/atomicWrite';
import type { RunRecord } from './recordRun';
import type { Logger } from '../util/log';

export const JOURNAL_VERSION = 1;
/** The header line is ~70 bytes; anything longer without a newline is not a header. */
const HEADER_MAX = 256;

/** How far a process has read a journal: which file (generation) and the byte offset after the last line applied. */
export interface JournalPosition {
  gen?: string;
  offset: number;
}

export interface JournalRead {
  gen?: string;
  /** Records of the complete lines after the starting offset (all lines when the generation changed). */
  records: RunRecord[];
  /** Offset just after the last complete line. */
  offset: number;
  /** File size: more than `offset` means a torn last line. */
  size: number;
  /** The records start at the beginning of this generation (new to the reader, or the file was replaced). */
  restarted: boolean;
  corrupt: { offset: number; reason: string }[];
}

function isRecord(x: unknown): x is RunRecord {
  const r = x as RunRecord;
  return (
    !!r &&
    typeof r === 'object' &&
    r.v === JOURNAL_VERSION &&
    typeof r.uuid === 'string' &&
    (r.id === undefined || Number.isInteger(r.id)) &&
    [r.startedAt, r.rangeStart, r.rangeEnd].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    [r.tool, r.cluster, r.profile, r.status, r.summary].every((t) => typeof t === 'string') &&
    (r.health === null || typeof r.health === 'string') &&
    Array.isArray(r.values) &&
    r.values.every((v) => Array.isArray(v) && v.length === 6 && v.slice(0, 5).every((t) => typeof t === 'string') && (v[5] === null || typeof v[5] === 'number')) &&
    Array.isArray(r.findings) &&
    r.findings.every((f) => Array.isArray(f) && f.length === 7 && f.every((t) => typeof t === 'string')) &&
    Array.isArray(r.series) &&
    r.series.every((x) => Array.isArray(x) && x.length === 7 && typeof x[4] === 'number' && typeof x[5] === 'number' && typeof x[6] === 'string')
  );
}

function parseHeader(line: string): string | undefined {
  try {
    const h = JSON.parse(line) as { journal?: unknown; gen?: unknown };
    return h && h.journal === JOURNAL_VERSION && typeof h.gen === 'string' ? h.gen : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the journal from `from` (or from its start when the file is another generation than `from.gen`).
 * A missing file reads as empty. Never throws for bad content; I/O errors other than ENOENT propagate.
 */
export async function readJournal(path: string, from: JournalPosition): Promise<JournalRead> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], offset: 0, size: 0, restarted: from.gen !== undefined, corrupt: [] };
    throw err;
  }
  try {
    // Most reads find nothing new: read the header, then only the bytes past our offset (not the whole file).
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEADER_MAX));
    if (head.length) await fh.read(head, 0, head.length, 0);
    const firstNl = head.indexOf(10);
    const gen = firstNl >= 0 ? parseHeader(head.subarray(0, firstNl).toString('utf8')) : undefined;
    const out: JournalRead = { gen, records: [], offset: 0, size, restarted: false, corrupt: [] };
    if (gen === undefined) {
      // No complete header: a journal being created right now (or torn at creation). Treat as empty; a complete
      // first line that is not a header means the file is not ours: report it.
      if (firstNl >= 0 || head.length === HEADER_MAX) out.corrupt.push({ offset: 0, reason: 'the first line is not a journal header' });
      out.restarted = from.gen !== undefined;
      return out;
    }
    let start: number;
    if (gen === from.gen && from.offset > firstNl && from.offset <= size) {
      start = from.offset;
    } else {
      start = firstNl + 1;
      out.restarted = true;
    }
    out.offset = start;
    const buf = Buffer.alloc(size - start);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, start + got);
      if (!bytesRead) break;
      got += bytesRead;
    }
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0 || nl >= got) break; // torn (or still being written) last line: not applied
      const line = buf.subarray(pos, nl).toString('utf8');
      if (line.trim()) {
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch (err) {
          out.corrupt.push({ offset: start + pos, reason: `not JSON (${(err as Error).message})` });
        }
        if (rec !== undefined) {
          if (isRecord(rec)) out.records.push(rec);
          else out.corrupt.push({ offset: start + pos, reason: 'not a run record of this version' });
        }
      }
      pos = nl + 1;
      out.offset = start + pos;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/**
 * Appends records (caller holds the lock and has just read the journal up to `at`). Cuts off a torn tail first,
 * starts a new generation when there is no valid header, and fsyncs before returning: after this resolves the
 * records are durable. Returns the new position.
 */
export async function appendJournal(path: string, at: JournalPosition, records: RunRecord[], log: Logger): Promise<JournalPosition> {
  const body = records.map((r) => JSON.stringify(r) + '\n').join('');
  if (at.gen === undefined) {
    // No valid header: complete lines here are not ours to destroy (kept aside); a torn header is cut off below.
    const existing = await fsp.readFile(path).catch(() => Buffer.alloc(0));
    if (existing.includes(10) || existing.length >= HEADER_MAX) await retireJournal(path, true, log);
  }
  const fh = await fsp.open(path, 'a+', 0o600);
  try {
    let gen = at.gen;
    let offset = at.offset;
    const size = (await fh.stat()).size;
    let data: string;
    if (gen === undefined) {
      if (size) await fh.truncate(0);
      gen = randomUUID();
      data = JSON.stringify({ journal: JOURNAL_VERSION, gen }) + '\n' + body;
      offset = 0;
    } else {
      if (size > offset) await fh.truncate(offset); // a torn last line from a writer that was killed
      data = body;
    }
    const bytes = Buffer.from(data, 'utf8');
    // 'a+' appends at the end whatever position is passed; the truncate above made the end = offset.
    let off = 0;
    while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
    await fh.sync();
    // A new journal file: its directory entry must be durable too, or a power cut could lose the whole file.
    if (at.gen === undefined) await fsyncDir(dirname(path));
    return { gen, offset: offset + bytes.length };
  } finally {
    await fh.close();
  }
}

/**
 * Removes the journal once a snapshot holds everything in it (caller holds the lock, after the snapshot's rename).
 * A journal that had corrupt lines is kept aside for inspection instead. A crash before this runs leaves the
 * lines in place: replay skips them, their UUIDs are already in the snapshot.
 */
export async function retireJournal(path: string, hadCorrupt: boolean, log: Logger): Promise<void> {
  if (hadCorrupt) {
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await fsp.rename(path, aside);
      log.warn(`history: the journal had unreadable lines; kept it as ${aside}`);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
  }
  await fsp.unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
