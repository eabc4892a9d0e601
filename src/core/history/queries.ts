// Read queries behind HistoryPort: per-member trend points (raw runs, then daily aggregates) and run listings.
import type { StoredRunInfo, TrendPoint, TrendQuery } from './port';
import type { Database } from './sqlite';
import { all, cachedStatement } from './sqlite';

export const DAY_MS = 86_400_000;

function toMs(iso: string | undefined, fallback: number): number {
  if (!iso) return fallback;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : fallback;
}

/** `m1`, or `m1 {"grpc_method":"Range"}` when a metric has extra key labels (grpc, peers by label). */
export function trendKey(member: string, labels: string): string {
  return labels ? `${member} ${labels}` : member;
}

/**
 * Points per member, oldest first. Raw runs give one point each (runId > 0); days that retention folded give one
 * point at noon UTC with the day's mean (runId = −day number, so runId ≤ 0 marks an aggregate).
 *
 * Access path (EXPLAIN QUERY PLAN): the key lookup is a search of series_keys' unique index (covering), then one
 * primary-key range search per key in daily_values and metric_values, both WITHOUT ROWID tables whose primary key
 * (key_id, day|at, …) holds every column read: already covering, no index to add. The time goes to JS per row,
 * so rows are stepped straight off cached statements (no intermediate arrays), and each timestamp is turned
 * into ISO text once per query (the members of one run share it).
 */
export function queryTrend(db: Database, q: TrendQuery): Record<string, TrendPoint[]> {
  const since = toMs(q.since, 0);
  const until = toMs(q.until, 8.64e15);
  const where: string[] = ['k.metric = ?', 'k.statistic = ?'];
  const params: (string | number)[] = [q.metric, q.statistic ?? 'p99'];
  if (q.member) {
    where.push('k.member = ?');
    params.push(q.member);
  }
  if (q.cluster) {
    where.push('k.cluster = ?');
    params.push(q.cluster);
  }
  const keys = all(db, `SELECT k.id, k.member, k.labels FROM series_keys k WHERE ${where.join(' AND ')} ORDER BY k.member, k.labels`, params);
  const out: Record<string, TrendPoint[]> = {};
  const isoCache = new Map<number, string>();
  const iso = (ms: number) => {
    let s = isoCache.get(ms);
    if (s === undefined) isoCache.set(ms, (s = new Date(ms).toISOString()));
    return s;
  };
  /** Last timestamp pushed per name: a smaller one means the name needs a sort at the end. */
  const lastAt = new Map<string, number>();
  const unsorted = new Set<string>();
  const push = (name: string, pts: TrendPoint[], at: number, runId: number, value: number | null) => {
    if (at < (lastAt.get(name) ?? -Infinity)) unsorted.add(name);
    lastAt.set(name, at);
    pts.push({ runId, at: iso(at), value });
  };
  const daily = cachedStatement(db, 'SELECT day, CASE WHEN n > 0 THEN sum / n END FROM daily_values WHERE key_id = ? AND day BETWEEN ? AND ?');
  const raw = cachedStatement(db, 'SELECT at, run_id, value FROM metric_values WHERE key_id = ? AND at BETWEEN ? AND ?');
  const oneRun = cachedStatement(db, 'SELECT at, run_id, value FROM metric_values WHERE key_id = ? AND at BETWEEN ? AND ? AND run_id = ?');
  for (const [keyId, member, labels] of keys) {
    const name = trendKey(String(member), String(labels));
    const pts = (out[name] ??= []);
    try {
      if (q.runId === undefined) {
        daily.bind([Number(keyId), Math.floor(since / DAY_MS), Math.floor(until / DAY_MS)]);
        while (daily.step()) {
          const [day, value] = daily.get() as [number, number | null];
          const at = day * DAY_MS + DAY_MS / 2;
          if (at >= since && at <= until) push(name, pts, at, -day, value);
        }
      }
      const stmt = q.runId === undefined ? raw : oneRun;
      stmt.bind(q.runId === undefined ? [Number(keyId), since, until] : [Number(keyId), since, until, q.runId]);
      while (stmt.step()) {
        const [at, runId, value] = stmt.get() as [number, number, number | null];
        push(name, pts, at, runId, value);
      }
    } finally {
      daily.reset();
      raw.reset();
      oneRun.reset();
    }
  }
  // Several keys can share a member name (clusters, when no cluster filter is given), and an aggregate day can
  // overlap raw runs of that day: restore time order where needed.
  for (const [name, pts] of Object.entries(out)) {
    if (!pts.length) delete out[name];
    else if (unsorted.has(name)) pts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.runId - b.runId));
  }
  return out;
}

export interface RunFilter {
  since?: string;
  until?: string;
  tool?: string;
  cluster?: string;
  limit?: number;
  id?: number;
}

/** Stored raw runs, newest first (by the end of the window they analysed). */
export function queryRuns(db: Database, f: RunFilter = {}): StoredRunInfo[] {
  const where: string[] = ['range_end BETWEEN ? AND ?'];
  const params: (string | number)[] = [toMs(f.since, 0), toMs(f.until, 8.64e15)];
  if (f.tool) {
    where.push('tool = ?');
    params.push(f.tool);
  }
  if (f.cluster) {
    where.push('cluster = ?');
    params.push(f.cluster);
  }
  if (f.id !== undefined) {
    where.push('id = ?');
    params.push(f.id);
  }
  const limit = Math.max(1, Math.min(f.limit ?? 1000, 1_000_000));
  const rows = all(
    db,
    // Findings count and worst severity come from findings_run (indexed by run id): one probe per listed run.
    `SELECT id, started_at, tool, cluster, profile, range_start, range_end, status, summary,
       (SELECT COUNT(*) FROM findings f WHERE f.run_id = runs.id),
       (SELECT MIN(CASE f.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END) FROM findings f WHERE f.run_id = runs.id)
     FROM runs
     WHERE ${where.join(' AND ')} ORDER BY range_end DESC, id DESC LIMIT ${limit}`,
    params,
  );
  const SEVERITY = ['critical', 'warning', 'info'] as const;
  return rows.map(([id, startedAt, tool, cluster, profile, rs, re, status, summary, nFindings, worst]) => ({
    id: Number(id),
    startedAt: new Date(Number(startedAt)).toISOString(),
    tool: String(tool),
    cluster: String(cluster),
    profile: String(profile),
    rangeStart: new Date(Number(rs)).toISOString(),
    rangeEnd: new Date(Number(re)).toISOString(),
    status: String(status),
    summary: String(summary),
    findings: Number(nFindings) || 0,
    worstSeverity: worst === null || worst === undefined ? undefined : SEVERITY[Number(worst)],
  }));
}
