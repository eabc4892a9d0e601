// Outlier members: one member far from the others (≥ outlierFactor × the others' median) is named, with the
// others' values beside it. Needs at least two other members with data; small values (below half the healthy
// target) are never outliers, so an idle cluster does not produce noise.
import type { Finding, FindingCategory, MetricSummary, Statistic } from '../types';
import type { RuleContext } from './ruleTypes';
import type { LevelKey } from './thresholds';
import { buildFinding, evidenceOf, findingId } from './finding';
import { median, pairOf, statOf, summariesOf } from './metricLookup';
import { REC } from './recommendations';
import { formatValue } from '../util/units';
import { append } from '../util/arrays';

interface OutlierSpec {
  metric: string;
  stat: Statistic;
  key: LevelKey;
  category: FindingCategory;
  label: string;
  /** The threshold rule on the same value: its finding (if any) is linked as related. */
  thresholdRule: string;
  recommendation: string;
}

const MEMBER_SPECS: OutlierSpec[] = [
  { metric: 'wal_fsync_duration', stat: 'p99', key: 'walFsyncP99Seconds', category: 'disk', label: 'WAL fsync p99', thresholdRule: 'wal_fsync_p99_high', recommendation: REC.disk },
  { metric: 'backend_commit_duration', stat: 'p99', key: 'backendCommitP99Seconds', category: 'disk', label: 'backend commit p99', thresholdRule: 'backend_commit_p99_high', recommendation: REC.disk },
  { metric: 'process_cpu_percent', stat: 'avg', key: 'cpuPercent', category: 'cpu', label: 'etcd process CPU', thresholdRule: 'process_cpu_high', recommendation: REC.cpu },
  { metric: 'grpc_unary_duration', stat: 'p99', key: 'grpcUnaryP99Seconds', category: 'grpc', label: 'gRPC unary p99', thresholdRule: 'grpc_unary_p99_high', recommendation: REC.grpcSlow },
];

const RTT_SPEC: OutlierSpec = {
  metric: 'peer_rtt',
  stat: 'p99',
  key: 'peerRttP99Seconds',
  category: 'network',
  label: 'peer round-trip p99 (fastest link touching the member)',
  thresholdRule: 'peer_rtt_p99_high',
  recommendation: REC.network,
};

interface Point {
  member: string;
  value: number;
  row: MetricSummary;
}

export function detectOutliers(metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const spec of MEMBER_SPECS) {
    const points = summariesOf(metrics, spec.metric)
      .filter((m) => m.scope === 'member')
      .map((row) => ({ member: row.member, value: statOf(row, spec.stat), row }))
      .filter((p): p is Point => p.value !== null);
    append(out, outliersOf(points, spec, ctx));
  }
  append(out, outliersOf(rttPerMember(metrics), RTT_SPEC, ctx));
  return out;
}

/**
 * A slow member makes every link touching it slow, in both directions; a healthy member keeps at least one fast link.
 * So the member's value is the fastest (min) p99 over the pairs it is part of.
 */
function rttPerMember(metrics: readonly MetricSummary[]): Point[] {
  const best = new Map<string, Point>();
  for (const row of summariesOf(metrics, 'peer_rtt')) {
    const v = statOf(row, 'p99');
    if (v === null) continue;
    const { from, to } = pairOf(row);
    for (const member of [from, to]) {
      if (!member) continue;
      const cur = best.get(member);
      if (!cur || v < cur.value) best.set(member, { member, value: v, row });
    }
  }
  return [...best.values()];
}

function outliersOf(points: Point[], spec: OutlierSpec, ctx: RuleContext): Finding[] {
  if (points.length < 3) return [];
  const level = ctx.thresholds[spec.key];
  const factor = ctx.thresholds.outlierFactor;
  const out: Finding[] = [];
  for (const p of points) {
    const others = points.filter((o) => o.member !== p.member);
    const med = median(others.map((o) => o.value));
    if (!(p.value >= factor * med) || p.value < level.warning / 2 || p.value <= med) continue;
    const unit = p.row.unit;
    const othersText = others.map((o) => `${o.member} ${formatValue(o.value, unit)}`).join(', ');
    const ratio = med > 0 ? `${(p.value / med).toFixed(1)}× the others' median` : 'while the others are near zero';
    out.push(
      buildFinding({
        rule: `outlier_${spec.metric}`,
        category: spec.category,
        severity: p.value >= level.warning ? 'warning' : 'info',
        member: p.member,
        title: `Outlier member ${p.member}: ${spec.label} ${formatValue(p.value, unit)} vs ${othersText} (${ratio})`,
        evidence: [
          { ...evidenceOf(p.row, spec.stat, ctx, level.warning), member: p.member, value: p.value, note: `${p.member} (outlier)` },
          ...others.map((o) => ({ ...evidenceOf(o.row, spec.stat, ctx), member: o.member, value: o.value, note: 'other member' })),
        ],
        rootCause:
          `Only ${p.member} is slow on this signal, so the cause is local to it (its disk, its node's load, its network path), ` +
          'not the cluster-wide load, which all members share.',
        recommendation: spec.recommendation,
        related: [findingId(spec.thresholdRule, p.member)],
      }),
    );
  }
  return out;
}
