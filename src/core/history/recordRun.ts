// Writes one finished analyzer result into the (in-memory) database: run row, one value row per
// (metric, member, labels, statistic), findings, and the chart series downsampled to a few dozen points.
import type { AnalyzerResult, Series } from '../types';
import type { Database } from './sqlite';
import { scalar } from './sqlite';

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

/** Inserts the run (caller holds the transaction). Returns the new run id; an already stored UUID returns its id. */
export function insertRun(db: Database, run: PendingRun, keyCache: KeyCache = new Map()): number {
  const existing = scalar(db, 'SELECT id FROM runs WHERE uuid = ?', [run.uuid]);
  if (existing !== undefined) return Number(existing);
  const r = run.result;
  const end = ms(r.range?.end, run.startedAt);
  const start = ms(r.range?.start, end);
  const health = typeof r.data?.health === 'string' ? (r.data.health as string) : null;
  db.run(
    'INSERT INTO runs (uuid, started_at, range_start, range_end, tool, cluster, profile, status, summary, health) VALUES (?,?,?,?,?,?,?,?,?,?)',
    [run.uuid, run.startedAt, start, end, r.tool, run.meta.cluster, run.meta.profile, r.status, String(r.summary ?? '').slice(0, MAX_SUMMARY), health],
  );
  const runId = Number(scalar(db, 'SELECT last_insert_rowid()'));

  const keyIns = db.prepare(
    'INSERT OR IGNORE INTO series_keys (metric, statistic, cluster, member, labels, unit) VALUES (?,?,?,?,?,?)',
  );
  const keySel = db.prepare('SELECT id FROM series_keys WHERE metric=? AND statistic=? AND cluster=? AND member=? AND labels=?');
  const valIns = db.prepare('INSERT OR REPLACE INTO metric_values (key_id, at, run_id, value) VALUES (?,?,?,?)');
  try {
    for (const m of r.metrics ?? []) {
      const labels = labelKey(m.labels);
      for (const [stat, value] of Object.entries(m.stats ?? {})) {
        if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) continue;
        const key = [m.metric, stat, run.meta.cluster, m.member, labels];
        const cacheKey = key.join('\u0000');
        let keyId = keyCache.get(cacheKey);
        if (keyId === undefined) {
          keyIns.run([...key, m.unit]);
          keySel.bind(key);
          keySel.step();
          keyId = keySel.get()[0] as number;
          keySel.reset();
          keyCache.set(cacheKey, keyId);
        }
        valIns.run([keyId, end, runId, value]);
      }
    }
  } finally {
    keyIns.free();
    keySel.free();
    valIns.free();
  }

  if (r.findings?.length) {
    const fIns = db.prepare(
      'INSERT INTO findings (run_id, at, finding_id, rule, severity, category, member, title, evidence) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    try {
      for (const f of r.findings) {
        fIns.run([runId, end, f.id, f.rule, f.severity, f.category, f.member, f.title, JSON.stringify(f.evidence ?? []).slice(0, MAX_EVIDENCE)]);
      }
    } finally {
      fIns.free();
    }
  }

  if (r.series?.length) {
    const sIns = db.prepare('INSERT INTO run_series (run_id, metric, member, unit, labels, t0, step_ms, vals) VALUES (?,?,?,?,?,?,?,?)');
    try {
      for (const s of r.series) {
        const d = downsample(s, SERIES_POINTS);
        if (d) sIns.run([runId, s.metric, s.member, s.unit, labelKey(s.labels), d.t0, d.stepMs, d.vals]);
      }
    } finally {
      sIns.free();
    }
  }
  return runId;
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
