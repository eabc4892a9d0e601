// Which charts the dashboard and the reports draw, and how analyzer series map onto them.
// Series are matched by catalog id; an analyzer may name a quantile series `wal_fsync_duration` or
// `wal_fsync_duration_p99`, so both spellings are accepted.
import type { Point, Series, Unit } from '../types';
import type { LevelKey, Thresholds } from '../analysis/thresholds';
import type { ChartLine, ChartSpec } from './modelTypes';
import { decimateColumns, MAX_LINE_BUCKETS } from './decimate';

export interface ChartDef {
  id: string;
  title: string;
  unit: Unit;
  /** Catalog ids whose series feed this chart (first match wins per line). */
  metrics: string[];
  threshold?: LevelKey;
}

export const CHART_DEFS: readonly ChartDef[] = [
  {
    id: 'wal_fsync_p99',
    title: 'WAL fsync p99',
    unit: 'seconds',
    metrics: ['wal_fsync_duration', 'wal_fsync_duration_p99', 'wal_fsync_p99'],
    threshold: 'walFsyncP99Seconds',
  },
  {
    id: 'backend_commit_p99',
    title: 'Backend commit p99',
    unit: 'seconds',
    metrics: ['backend_commit_duration', 'backend_commit_duration_p99', 'backend_commit_p99'],
    threshold: 'backendCommitP99Seconds',
  },
  {
    id: 'peer_rtt_p99',
    title: 'Peer round-trip p99',
    unit: 'seconds',
    metrics: ['peer_rtt', 'peer_rtt_p99'],
    threshold: 'peerRttP99Seconds',
  },
  { id: 'db_size', title: 'DB size', unit: 'bytes', metrics: ['db_size_bytes'] },
  {
    id: 'cpu',
    title: 'CPU (process, % of one core)',
    unit: 'percent',
    metrics: ['process_cpu_percent'],
    threshold: 'cpuPercent',
  },
  {
    id: 'node_iowait',
    title: 'Node iowait',
    unit: 'percent',
    metrics: ['node_iowait_percent'],
    threshold: 'iowaitPercent',
  },
];

/** Point pairs → the columnar ChartLine (NaN/±Inf become gaps). */
export function toColumns(label: string, points: readonly Point[]): ChartLine {
  const t = new Array<number>(points.length);
  const v = new Array<number | null>(points.length);
  for (let i = 0; i < points.length; i++) {
    const y = points[i][1];
    t[i] = points[i][0];
    v[i] = typeof y === 'number' && Number.isFinite(y) ? y : null;
  }
  return { label, t, v };
}

/** Line label: the member (or pair), plus distinguishing labels such as a peer `To` when the member alone is ambiguous. */
function lineLabel(s: Series): string {
  return s.member || s.labels?.instance || s.metric;
}

/** Groups series into the fixed chart list. Charts without data are kept (empty) so the layout never jumps. */
export function buildCharts(series: readonly Series[] | undefined, thresholds?: Thresholds): ChartSpec[] {
  const all = series ?? [];
  return CHART_DEFS.map((def) => {
    const seen = new Set<string>();
    const lines: ChartLine[] = [];
    for (const metricId of def.metrics) {
      for (const s of all) {
        if (s.metric !== metricId) continue;
        const label = lineLabel(s);
        if (seen.has(label)) continue; // the same line from two analyzers: keep the first
        seen.add(label);
        const line = toColumns(label, s.points);
        // Cap what crosses postMessage / lands in the HTML file: beyond MAX_LINE_BUCKETS × 4 no chart shows more.
        lines.push({ label, ...decimateColumns(line.t, line.v, MAX_LINE_BUCKETS) });
      }
    }
    lines.sort((a, b) => a.label.localeCompare(b.label));
    const level = thresholds && def.threshold ? thresholds[def.threshold] : undefined;
    return { id: def.id, title: def.title, unit: def.unit, warning: level?.warning, critical: level?.critical, lines };
  });
}
