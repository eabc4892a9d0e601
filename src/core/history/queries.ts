// Read queries behind HistoryPort: per-member trend points (raw runs, then daily aggregates) and run listings.
import type { StoredRunInfo, TrendPoint, TrendQuery } from './port';
import type { Database } from './sqlite';
import { all } from './sqlite';

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
  // Keys first (a handful of rows), then one primary-key range scan per key: rows come out in (at, run_id) order
  // with no sort step, which keeps a year-long query of five members well under the 50 ms budget.
  const keys = all(db, `SELECT k.id, k.member, k.labels FROM series_keys k WHERE ${where.join(' AND ')} ORDER BY k.member, k.labels`, params);
  const out: Record<string, TrendPoint[]> = {};
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const [keyId, member, labels] of keys) {
    const name = trendKey(String(member), String(labels));
    const pts = (out[name] ??= []);
    if (q.runId === undefined) {
      const daily = all(
        db,
        'SELECT day, CASE WHEN n > 0 THEN sum / n END FROM daily_values WHERE key_id = ? AND day BETWEEN ? AND ?',
        [Number(keyId), Math.floor(since / DAY_MS), Math.floor(until / DAY_MS)],
      );
      for (const [day, value] of daily) {
        const at = Number(day) * DAY_MS + DAY_MS / 2;
        if (at >= since && at <= until) pts.push({ runId: -Number(day), at: iso(at), value: value as number | null });
      }
    }
    const raw =
      q.runId !== undefined
        ? all(db, 'SELECT at, run_id, value FROM metric_values WHERE key_id = ? AND at BETWEEN ? AND ? AND run_id = ?', [Number(keyId), since, until, q.runId])
        : all(db, 'SELECT at, run_id, value FROM metric_values WHERE key_id = ? AND at BETWEEN ? AND ?', [Number(keyId), since, until]);
    for (const [at, runId, value] of raw) pts.push({ runId: Number(runId), at: iso(Number(at)), value: value as number | null });
  }
  // Several keys can share a member name (clusters, when no cluster filter is given), and an aggregate day can
  // overlap raw runs of that day: restore time order where needed.
  for (const [name, pts] of Object.entries(out)) {
    if (!pts.length) delete out[name];
    else if (pts.some((p, i) => i > 0 && p.at < pts[i - 1].at)) pts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.runId - b.runId));
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
    `SELECT id, started_at, tool, cluster, profile, range_start, range_end FROM runs
     WHERE ${where.join(' AND ')} ORDER BY range_end DESC, id DESC LIMIT ${limit}`,
    params,
  );
  return rows.map(([id, startedAt, tool, cluster, profile, rs, re]) => ({
    id: Number(id),
    startedAt: new Date(Number(startedAt)).toISOString(),
    tool: String(tool),
    cluster: String(cluster),
    profile: String(profile),
    rangeStart: new Date(Number(rs)).toISOString(),
    rangeEnd: new Date(Number(re)).toISOString(),
  }));
}
