// Where a finding sits relative to a cause's subject (the `Where` of the chain table), and which subjects a
// finding can start a cause on. Pair findings carry `from→to` in their id; node findings carry the node name.
import type { Finding, MetricSummary } from '../types';
import type { CausalChain, Where } from './chains';
import { nodeOfMember } from '../analysis/metricLookup';

/** `{ from, to }` of a pair finding (`peer_sent_failures:m1→m3`), or undefined for a member/node finding. */
export function pairOfFinding(f: Finding): { from: string; to: string } | undefined {
  const subject = f.id.slice(f.rule.length + 1);
  const i = subject.indexOf('→');
  if (i < 0) return undefined;
  return { from: subject.slice(0, i), to: subject.slice(i + 1) };
}

/** Member-level position of a finding: its member, or for pairs the sending end. */
function memberOf(f: Finding): string {
  return pairOfFinding(f)?.from ?? f.member;
}

export function placedAt(f: Finding, where: Where, subject: string, chain: CausalChain, metrics: readonly MetricSummary[]): boolean {
  const pair = pairOfFinding(f);
  switch (where) {
    case 'any':
      return true;
    case 'self':
      // A cause merged over every member (mergeWhenAll) sits on each of them.
      return !pair && (f.member === subject || (subject === 'cluster' && !!chain.mergeWhenAll));
    case 'node':
      return !pair && f.member === nodeOfMember(metrics, subject);
    case 'hosted':
      if (pair) return false;
      if (chain.subject !== 'node') return f.member === subject;
      return f.member === subject || nodeOfMember(metrics, f.member) === subject;
    case 'to_self':
      return !!pair && pair.to === subject;
    case 'from_self':
      return !!pair && pair.from === subject;
    case 'touching':
      return !!pair && (pair.from === subject || pair.to === subject);
  }
}

/** The subject a starting finding puts the cause on, for this chain. */
export function subjectFor(f: Finding, where: Where, chain: CausalChain, metrics: readonly MetricSummary[]): string | undefined {
  if (chain.subject === 'cluster') return 'cluster';
  const pair = pairOfFinding(f);
  if (where === 'to_self') return pair?.to || undefined;
  if (where === 'from_self') return pair?.from || undefined;
  if (pair) return undefined;
  if (chain.subject === 'node' && where === 'hosted') return nodeOfMember(metrics, memberOf(f)) ?? f.member;
  return f.member;
}
