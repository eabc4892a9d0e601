// Loads sql.js (SQLite compiled to WASM) lazily, once per process, from the package — never from the network.
// Bundled builds find `sql-wasm.wasm` beside the bundle (esbuild.config.mjs copies it to dist/); tests and tsx runs
// find it in node_modules/sql.js/dist/. Nothing here runs at import time: activation stays fast.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database, SqlJsStatic, Statement } from 'sql.js';

export type { Database, Statement, SqlValue } from 'sql.js';

const WASM = 'sql-wasm.wasm';
let loading: Promise<SqlJsStatic> | undefined;

/** Directories that may hold the WASM, most specific first. */
function wasmCandidates(wasmDir?: string): string[] {
  const dirs: string[] = [];
  if (wasmDir) dirs.push(wasmDir);
  if (typeof __dirname === 'string') dirs.push(__dirname); // dist/ when bundled
  try {
    dirs.push(dirname(require.resolve('sql.js/dist/sql-wasm.wasm')));
  } catch {
    /* not resolvable from a bundle: the copy beside it is used */
  }
  return dirs;
}

export function locateWasm(wasmDir?: string): string {
  for (const dir of wasmCandidates(wasmDir)) {
    const f = join(dir, WASM);
    if (existsSync(f)) return f;
  }
  throw new Error(
    `${WASM} was not found (looked in ${wasmCandidates(wasmDir).join(', ')}): rebuild with "npm run build" so dist/${WASM} exists`,
  );
}

/** The sql.js module, initialised once. The WASM bytes are read from disk and handed over, so no fetch happens. */
export function loadSqlJs(wasmDir?: string): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const wasmPath = locateWasm(wasmDir);
    const bytes = readFileSync(wasmPath);
    const mod = await import('sql.js');
    const init = (mod as unknown as { default?: typeof mod.default }).default ?? (mod as unknown as typeof mod.default);
    return init({
      wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      locateFile: () => wasmPath,
    });
  })();
  loading.catch(() => {
    loading = undefined; // a later call may retry (e.g. after a rebuild)
  });
  return loading;
}

/** Runs a query and returns its rows as arrays (fast path: no per-row objects). */
export function all(db: Database, sql: string, params: (string | number | null)[] = []): (string | number | null | Uint8Array)[][] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: (string | number | null | Uint8Array)[][] = [];
    while (stmt.step()) rows.push(stmt.get() as (string | number | null | Uint8Array)[]);
    return rows;
  } finally {
    stmt.free();
  }
}

/** First column of the first row, or undefined. */
export function scalar(db: Database, sql: string, params: (string | number | null)[] = []): string | number | null | undefined {
  const row = all(db, sql, params)[0];
  return row ? (row[0] as string | number | null) : undefined;
}

/**
 * Statements prepared once per database and reused (hot paths: trend queries, run inserts, journal replay).
 * sql.js keeps prepared statements across export(); they go away with the database, so close it through
 * closeDb() to free them first.
 */
const prepared = new WeakMap<Database, Map<string, Statement>>();

export function cachedStatement(db: Database, sql: string): Statement {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

export function closeDb(db: Database): void {
  for (const stmt of prepared.get(db)?.values() ?? []) stmt.free();
  prepared.delete(db);
  db.close();
}
