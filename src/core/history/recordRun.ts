// Writes one finished analyzer result into the (in-memory) database: run row, one value row per
// (metric, member, labels, statistic), findings, and the chart series downsampled to a few dozen points.
// A result is first reduced to a RunRecord (plain JSON: the journal line), then inserted from that record, so a
// run written live and a run replayed from the journal become exactly the same rows.
import type { AnalyzerResult, Series } from '../types';
import type { Database } from './sqlite';
import { cachedStatement, scalar } from './sqlite';

export interface PendingRun {
  uuid: string;
  result: AnalyzerResult;
  meta: { cluster: string; profile: string };
  startedAt: number;
}

/** Points kept per chart series: enough for a sparkline in a history view, small enough for a year of runs. */
export const SERIES_POINTS = 32;
/** Plain-text fields are bounded so one odd result cannot blow the size budget. */
const MAX_SUMMARY = 2000;
const MAX_EVIDENCE = 4000;

const ms = (iso: string, fallback: number) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : fallback;
};

export function labelKey(labels?: Record<string, string>): string {
  if (!labels) return '';
  const keys = Object.keys(labels).sort();
  return keys.length ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, labels[k]]))) : '';
}

/** series_keys ids by key text, valid for one database image: clear it whenever keys may be deleted or the db reloaded. */
export type KeyCache = Map<string, number>;

/**
 * A run reduced to exactly the rows it becomes: what the journal stores (one JSON line) and what replay inserts.
 * `id` is the run id assigned under the lock; replay keeps it so every process sees the same ids.
 */
export interface RunRecord {
  v: 1;
  id?: number;
  uuid: string;
  startedAt: number;
  rangeStart: number;
  rangeEnd: number;
  tool: string;
  cluster: string;
  profile: string;
  status: string;
  summary: string;
  health: string | null;
  /** [metric, statistic, member, labels, unit, value] */
  values: [string, string, string, string, string, number | null][];
  /** [finding id, rule, severity, category, member, title, evidence JSON] */
  findings: [string, string, string, string, string, string, string][];
  /** [metric, member, unit, labels, t0, step ms, float32 values as base64] */
  series: [string, string, string, string, number, number, string][];
}

export function toRunRecord(run: PendingRun): RunRecord {
  const r = run.result;
  const end = ms(r.range?.end, run.startedAt);
  const start = ms(r.range?.start, end);
  const values: RunRecord['values'] = [];
  for (const m of r.metrics ?? []) {
    const labels = labelKey(m.labels);
    for (const [stat, value] of Object.entries(m.stats ?? {})) {
      if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) continue;
      values.push([String(m.metric), stat, String(m.member ?? ''), labels, String(m.unit ?? ''), value]);
    }
  }
  const series: RunRecord['series'] = [];
  for (const s of r.series ?? []) {
    const d = downsample(s, SERIES_POINTS);
    if (d) series.push([s.metric, s.member, s.unit, labelKey(s.labels), d.t0, d.stepMs, Buffer.from(d.vals).toString('base64')]);
  }
  return {
    v: 1,
    uuid: run.uuid,
    startedAt: run.startedAt,
    rangeStart: start,
    rangeEnd: end,
    tool: r.tool,
    cluster: run.meta.cluster,
    profile: run.meta.profile,
    status: r.status,
    summary: String(r.summary ?? '').slice(0, MAX_SUMMARY),
    health: typeof r.data?.health === 'string' ? (r.data.health as string) : null,
    values,
    findings: (r.findings ?? []).map((f) => [
      ...([f.id, f.rule, f.severity, f.category, f.member, f.title].map((x) => String(x ?? '')) as [string, string, string, string, string, string]),
      JSON.stringify(f.evidence ?? []).slice(0, MAX_EVIDENCE),
    ]),
    series,
  };
}

/** Inserts the run (caller holds the transaction). Returns the new run id; an already stored UUID returns its id. */
export function insertRun(db: Database, run: PendingRun, keyCache: KeyCache = new Map()): number {
  return insertRecord(db, toRunRecord(run), keyCache).id;
}

/**
 * Inserts a run record (caller holds the transaction). A UUID already stored is not inserted again (replayed
 * journal lines that a snapshot already holds count once). `rec.id` is kept when it is free, else a new id is taken.
 */
export function insertRecord(db: Database, rec: RunRecord, keyCache: KeyCache = new Map()): { id: number; inserted: boolean } {
  const existing = scalar(db, 'SELECT id FROM runs WHERE uuid = ?', [rec.uuid]);
  if (existing !== undefined) return { id: Number(existing), inserted: false };
  const wantId = rec.id !== undefined && scalar(db, 'SELECT 1 FROM runs WHERE id = ?', [rec.id]) === undefined ? rec.id : null;
  cachedStatement(
    db,
    'INSERT INTO runs (id, uuid, started_at, range_start, range_end, tool, cluster, profile, status, summary, health) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
  ).run([wantId, rec.uuid, rec.startedAt, rec.rangeStart, rec.rangeEnd, rec.tool, rec.cluster, rec.profile, rec.status, rec.summary, rec.health]);
  const runId = Number(scalar(db, 'SELECT last_insert_rowid()'));
  const end = rec.rangeEnd;

  const keyIns = cachedStatement(db, 'INSERT OR IGNORE INTO series_keys (metric, statistic, cluster, member, labels, unit) VALUES (?,?,?,?,?,?)');
  const keySel = cachedStatement(db, 'SELECT id FROM series_keys WHERE metric=? AND statistic=? AND cluster=? AND member=? AND labels=?');
  const valIns = cachedStatement(db, 'INSERT OR REPLACE INTO metric_values (key_id, at, run_id, value) VALUES (?,?,?,?)');
  for (const [metric, stat, member, labels, unit, value] of rec.values) {
    const key = [metric, stat, rec.cluster, member, labels];
    const cacheKey = key.join('\u0000');
    let keyId = keyCache.get(cacheKey);
    if (keyId === undefined) {
      keyIns.run([...key, unit]);
      try {
        keySel.bind(key);
        keySel.step();
        keyId = keySel.get()[0] as number;
      } finally {
        keySel.reset();
      }
      keyCache.set(cacheKey, keyId);
    }
    valIns.run([keyId, end, runId, value]);
  }

  if (rec.findings.length) {
    const fIns = cachedStatement(db, 'INSERT INTO findings (run_id, at, finding_id, rule, severity, category, member, title, evidence) VALUES (?,?,?,?,?,?,?,?,?)');
    for (const f of rec.findings) fIns.run([runId, end, ...f]);
  }
  if (rec.series.length) {
    const sIns = cachedStatement(db, 'INSERT INTO run_series (run_id, metric, member, unit, labels, t0, step_ms, vals) VALUES (?,?,?,?,?,?,?,?)');
    for (const [metric, member, unit, labels, t0, stepMs, vals] of rec.series) {
      sIns.run([runId, metric, member, unit, labels, t0, stepMs, new Uint8Array(Buffer.from(vals, 'base64'))]);
    }
  }
  return { id: runId, inserted: true };
}

/** Bucket means over equal time slices; empty slices are NaN (a gap). float32 is plenty for a sparkline. */
export function downsample(s: Series, maxPoints: number): { t0: number; stepMs: number; vals: Uint8Array } | undefined {
  const pts = (s.points ?? []).filter((p) => Array.isArray(p) && Number.isFinite(p[0]));
  if (!pts.length) return undefined;
  const t0 = pts[0][0];
  const tN = pts[pts.length - 1][0];
  const n = Math.max(1, Math.min(maxPoints, pts.length));
  const stepMs = n > 1 ? Math.max(1, Math.ceil((tN - t0) / (n - 1))) : 1;
  const sum = new Float64Array(n);
  const cnt = new Uint32Array(n);
  for (const [t, v] of pts) {
    if (v === null || !Number.isFinite(v)) continue;
    const i = Math.min(n - 1, Math.round((t - t0) / stepMs));
    sum[i] += v;
    cnt[i]++;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = cnt[i] ? sum[i] / cnt[i] : NaN;
  return { t0, stepMs, vals: new Uint8Array(out.buffer) };
}
