// The one line a face shows first: "<cause> on <member>: <evidence>; <what follows>", in plain text.
// Evidence is phrased from the findings' own numbers (value, the peers' values, the pairs that fail).
import type { Evidence, Finding, MetricSummary } from '../types';
import type { Candidate } from './candidates';
import { pairOfFinding } from './placement';
import { formatValue } from '../util/units';
import { getMetric } from '../metrics/catalog';
import { median, membersOnNode } from '../analysis/metricLookup';

const STAT_LABEL: Record<string, string> = { p50: 'p50', p90: 'p90', p99: 'p99', max: 'peak', avg: 'average', latest: 'now', min: 'min', increase: 'increase', rate: 'rate' };

/** "WAL fsync p99 32 ms" from one evidence item. */
export function evidencePhrase(e: Evidence): string {
  const title = getMetric(e.metric)?.title ?? e.metric.replace(/_/g, ' ');
  const stat = e.statistic ? ` ${STAT_LABEL[e.statistic] ?? e.statistic}` : '';
  const value = e.aboveTop ? 'above the histogram\'s top bucket' : formatValue(e.value, e.unit);
  return `${title}${stat} ${value}`;
}

/** "6× its peers (m1 5 ms, m3 5 ms)" from an outlier finding's evidence (the member first, then the others). */
function outlierPhrase(f: Finding): string | undefined {
  const [self, ...others] = f.evidence;
  const vals = others.map((e) => e.value).filter((v): v is number => v !== null);
  if (!self || self.value === null || !vals.length) return undefined;
  const med = median(vals);
  const ratio = med > 0 ? `${Math.round(self.value / med)}× its peers` : 'while its peers are near zero';
  return `${evidencePhrase(self)}, ${ratio}`;
}

/** "m1 and m3 fail to send to m2" from pair findings whose receiving end is `to`. */
function failingPeers(findings: readonly Finding[], to: string): string | undefined {
  const from = [...new Set(findings.filter((f) => f.rule === 'peer_sent_failures' && pairOfFinding(f)?.to === to).map((f) => pairOfFinding(f)!.from))].sort();
  if (!from.length) return undefined;
  return `${joinAnd(from)} fail${from.length === 1 ? 's' : ''} to send to ${to}`;
}

export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The subject as a reader meets it: "m2", "node host-a (hosting m1, m2, m3)", "the peer links". */
export function subjectPhrase(c: Candidate, metrics: readonly MetricSummary[]): string {
  if (c.chain.subject === 'node') {
    const hosted = membersOnNode(metrics, c.subject);
    return hosted.length && !hosted.includes(c.subject) ? `node ${c.subject} (hosting ${hosted.join(', ')})` : c.subject;
  }
  if (c.subject !== 'cluster') return c.subject;
  if (c.chain.mergeWhenAll) return `every member (${[...new Set(c.causes.map((f) => f.member))].sort().join(', ')})`;
  return c.chain.category === 'network' ? 'every peer link' : 'the cluster';
}

/** The evidence part: the strongest cause finding's number, the outlier ratio if any, then the peers' view. */
export function evidenceText(c: Candidate, all: readonly Finding[]): string {
  const parts: string[] = [];
  const byRule = (r: string) => c.causes.find((f) => f.rule === r);
  switch (c.chain.id) {
    case 'member_unavailable': {
      const down = byRule('member_down');
      const was = byRule('member_was_down');
      if (down) parts.push(down.title.replace(/^Member \S+ is down: /, ''));
      else if (was) parts.push(was.title.replace(new RegExp(`^${escapeRe(c.subject)} `), ''));
      break;
    }
    case 'fragmentation':
    case 'quota_full': {
      // The rules' own titles already say it best ("99.6 % of m1's DB file is free space (about 52 MiB reclaimable)").
      const first = c.causes.find((f) => f.rule === 'nospace_alarm') ?? c.causes[0];
      if (first) parts.push(first.title.replace(/ \((target|healthy)[^)]*\).*$/, ''));
      const quota = c.causes.find((f) => f.rule === 'db_quota_high' && f !== first);
      if (quota) parts.push(quota.title.replace(/ \((target|healthy)[^)]*\).*$/, ''));
      break;
    }
    case 'restart_churn': {
      const changes = c.causes.find((f) => f.rule === 'leader_changes');
      const restarted = c.causes.filter((f) => f.rule === 'member_was_down');
      if (changes) parts.push(changes.title.split(' (')[0]);
      if (restarted.length) {
        const shares = restarted.map((f) => `${f.member}${/about (\d+ %)/.exec(f.title)?.[1] ? ` ${/about (\d+ %)/.exec(f.title)![1]}` : ''}`);
        parts.push(`${joinAnd(restarted.map((f) => f.member))} restarted (down ${shares.join(', ')} of the window)`);
      }
      break;
    }
    case 'slow_network': {
      const rtt = c.causes.filter((f) => f.rule === 'peer_rtt_p99_high');
      const worst = maxBy(rtt, (f) => f.evidence[0]?.value ?? 0);
      if (worst) parts.push(`${evidencePhrase(worst.evidence[0])} on ${rtt.length} link${rtt.length === 1 ? '' : 's'} (${worst.evidence[0].note?.split(';')[0] ?? 'target < 50 ms'})`);
      break;
    }
    case 'cpu_saturation': {
      const cpu = c.causes.find((f) => f.rule === 'node_cpu_high' || f.rule === 'node_cpu_peak') ?? c.causes[0];
      if (cpu?.evidence[0]) parts.push(evidencePhrase(cpu.evidence[0]));
      // The correlation's own facts: which members' latency rose, and the calm disk that rules it out.
      const starved = c.causes.filter((f) => f.rule === 'cpu_root_cause');
      const calm = starved.flatMap((f) => f.evidence).find((e) => e.metric === 'node_iowait_percent');
      if (starved.length) parts.push(`latency high on ${joinAnd(starved.map((f) => f.member).sort())}${calm ? ` while the disk is calm (iowait ${formatValue(calm.value, calm.unit)})` : ''}`);
      break;
    }
    default: {
      const outlier = c.causes.find((f) => f.rule.startsWith('outlier_') && f.member === c.subject);
      const o = outlier && outlierPhrase(outlier);
      const first = c.causes.find((f) => !f.rule.startsWith('outlier_') && f.evidence[0]);
      if (o) parts.push(o);
      else if (first) parts.push(evidencePhrase(first.evidence[0]));
      // A second piece of evidence only when it is another signal: the outlier phrase already gave this metric's value.
      const shown = (o ? outlier : first)?.evidence[0]?.metric;
      const more = c.causes.filter((f) => f !== first && f !== outlier && !f.rule.startsWith('outlier_') && f.evidence[0] && f.evidence[0].metric !== shown).slice(0, 1);
      for (const f of more) parts.push(evidencePhrase(f.evidence[0]));
    }
  }
  const peers = c.subject !== 'cluster' ? failingPeers([...c.causes, ...c.consequences], c.subject) : undefined;
  if (peers) parts.push(peers);
  if (c.chain.id === 'member_unavailable') {
    const to = [...new Set(c.causes.filter((f) => f.rule === 'peer_sent_failures' && pairOfFinding(f)?.from === c.subject).map((f) => pairOfFinding(f)!.to))].sort();
    if (to.length) parts.push(`${c.subject} fails to send to ${joinAnd(to)}`);
    const lost = c.causes.find((f) => f.rule === 'leader_lost_in_window' || f.rule === 'no_leader');
    if (lost) parts.push(lost.title.replace(new RegExp(`^${escapeRe(c.subject)} `), 'it '));
  }
  const elections = [...c.causes, ...c.consequences].find((f) => f.rule === 'leader_changes');
  if (elections && c.chain.id !== 'member_unavailable' && c.chain.id !== 'restart_churn') parts.push(elections.title.split(' (')[0].replace(/ in \S+$/, ' meanwhile'));
  if (!parts.length && all.length) parts.push(c.causes[0]?.title ?? '');
  return parts.filter(Boolean).join('; ');
}

export function headlineOf(c: Candidate, metrics: readonly MetricSummary[], all: readonly Finding[]): string {
  const ev = evidenceText(c, all);
  return `${labelOf(c)} on ${subjectPhrase(c, metrics)}${ev ? `: ${ev}` : ''}`;
}

/** A member nobody measured as down, yet unreachable both ways, is cut off rather than stopped. */
function labelOf(c: Candidate): string {
  if (c.chain.id !== 'member_unavailable' || c.causes.some((f) => f.rule === 'member_down' || f.rule === 'member_was_down')) return c.chain.label;
  const both = c.causes.some((f) => f.rule === 'peer_sent_failures' && pairOfFinding(f)?.from === c.subject);
  return both ? 'Member cut off from its peers' : 'Member unreachable';
}

function maxBy<T>(xs: readonly T[], f: (x: T) => number): T | undefined {
  return xs.reduce<T | undefined>((a, b) => (a === undefined || f(b) > f(a) ? b : a), undefined);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
