// Small read helpers over MetricSummary lists, shared by rules, outliers and correlations.
import type { MetricSummary, Statistic } from '../types';

/** All summaries of one catalog id. */
export function summariesOf(metrics: readonly MetricSummary[], id: string): MetricSummary[] {
  return metrics.filter((m) => m.metric === id);
}

/** A statistic as a finite number, or null (absent, NaN, ±Inf all mean "no data", never 0). */
export function statOf(m: MetricSummary | undefined, stat: Statistic): number | null {
  const v = m?.stats[stat];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** First statistic of the list that has data (e.g. `latest`, then `max`). */
export function firstStat(m: MetricSummary | undefined, stats: readonly Statistic[]): { stat: Statistic; value: number } | null {
  for (const s of stats) {
    const v = statOf(m, s);
    if (v !== null) return { stat: s, value: v };
  }
  return null;
}

/** The summary of `id` for one member (or node), without extra key labels. */
export function summaryFor(metrics: readonly MetricSummary[], id: string, member: string): MetricSummary | undefined {
  return metrics.find((m) => m.metric === id && m.member === member);
}

/** `m1→m2` (or the `To` label) → { from, to }. */
export function pairOf(m: MetricSummary): { from: string; to: string } {
  const [from, to] = m.member.split('→');
  return { from: from ?? m.member, to: to ?? m.labels?.To ?? m.labels?.to ?? '' };
}

/** Member names seen on member-scoped summaries (and pair endpoints), sorted. */
export function membersIn(metrics: readonly MetricSummary[]): string[] {
  const out = new Set<string>();
  for (const m of metrics) {
    if (m.scope === 'member') out.add(m.member);
  }
  return [...out].sort();
}

/** Members known to run on a node (from the `node` field of member summaries). */
export function membersOnNode(metrics: readonly MetricSummary[], node: string): string[] {
  const out = new Set<string>();
  for (const m of metrics) if (m.scope === 'member' && m.node === node) out.add(m.member);
  return [...out].sort();
}

/** " (hosting m1, m2)" after a node's name when its members are known, else "". */
export function hostingPhrase(metrics: readonly MetricSummary[], node: string): string {
  const members = membersOnNode(metrics, node);
  return members.length ? ` (hosting ${members.join(', ')})` : '';
}

/** Node hosting a member, when some summary says so. */
export function nodeOfMember(metrics: readonly MetricSummary[], member: string): string | undefined {
  return metrics.find((m) => m.scope === 'member' && m.member === member && m.node)?.node;
}

export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Whether two member names mean the same member: etcd's own name vs a Prometheus label
 * (`master-0` vs `etcd-master-0`, `m1` vs `m1`). Exact match first; containment only for names ≥ 3 chars.
 */
export function sameMember(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 3 && (l.endsWith(`-${s}`) || l.startsWith(`${s}-`) || l.startsWith(`${s}:`));
}
