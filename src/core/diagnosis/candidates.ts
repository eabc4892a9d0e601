// Candidate causes: every (chain, subject) some finding starts, with the findings that support it, the findings it
// would explain and what argues against it, scored by evidence strength (see docs/diagnosis.md).
import type { Finding, MetricSummary, Severity } from '../types';
import { CHAINS, type CausalChain, type SignalRef } from './chains';
import { SEVERITY_RANK } from '../analysis/finding';
import { membersIn } from '../analysis/metricLookup';
import { placedAt, subjectFor } from './placement';

export interface Candidate {
  chain: CausalChain;
  subject: string;
  /** Findings that are the cause (starts and supports). */
  causes: Finding[];
  /** Findings it would explain. */
  consequences: Finding[];
  contradictions: string[];
  score: number;
}

/** Severity scales the evidence a finding adds: a critical measurement says more than an info one. */
export const SEVERITY_FACTOR: Record<Severity, number> = { critical: 1, warning: 0.8, info: 0.3 };
/** Each further consequence adds a little (many effects that fit the cause), capped so effects never outweigh a cause. */
const CONSEQUENCE_POINTS = 2;
const CONSEQUENCE_CAP = 16;
/** Each independent signal beyond the first that points at the same cause (see docs/diagnosis.md). */
const AGREEMENT_POINTS = 8;
const AGREEMENT_CAP = 32;

export function candidatesOf(findings: readonly Finding[], metrics: readonly MetricSummary[], windowSeconds?: number): Candidate[] {
  const out: Candidate[] = [];
  for (const chain of CHAINS) {
    const subjects = new Set<string>();
    for (const ref of chain.starts) {
      for (const f of findings) if (f.rule === ref.rule) {
        const s = subjectFor(f, ref.where, chain, metrics);
        if (s && placedAt(f, ref.where, s, chain, metrics)) subjects.add(s);
      }
    }
    if (chain.mergeWhenAll && subjects.size >= 2 && everyMember(metrics, subjects)) {
      subjects.clear();
      subjects.add('cluster');
    }
    for (const subject of [...subjects].sort()) {
      const c = build(chain, subject, findings, metrics, windowSeconds);
      if (satisfies(chain, c.causes)) out.push(c);
    }
  }
  return out;
}

function build(chain: CausalChain, subject: string, findings: readonly Finding[], metrics: readonly MetricSummary[], windowSeconds?: number): Candidate {
  let causes: Finding[] = [];
  const inferred: Finding[] = [];
  let direct = false;
  let score = 0;
  for (const ref of [...chain.starts, ...chain.supports]) {
    const hits = findings.filter((f) => f.rule === ref.rule && placedAt(f, ref.where, subject, chain, metrics) && !causes.includes(f));
    causes.push(...hits);
    if (ref.inferred) inferred.push(...hits);
    else if (hits.length && chain.starts.includes(ref)) direct = true;
    score += strength(ref, hits);
  }
  // Measured directly (the member is down, its quota full): what it was inferred from is its consequence.
  if (inferred.length && direct) causes = causes.filter((f) => !inferred.includes(f));
  const consequences = findings.filter(
    (f) => !causes.includes(f) && (inferred.includes(f) || chain.consequences.some((c) => c.rule === f.rule && placedAt(f, c.where, subject, chain, metrics))),
  );
  score += Math.min(CONSEQUENCE_CAP, consequences.length * CONSEQUENCE_POINTS);
  // Independent signals that agree (distinct rules among the causes) make the cause more credible than a single one.
  score += Math.min(AGREEMENT_CAP, Math.max(0, new Set(causes.map((f) => f.rule)).size - 1) * AGREEMENT_POINTS);
  const everyLink = !!chain.everyLinkBonus && coversEveryLink(chain.everyLinkBonus, causes, metrics);
  if (everyLink) score += chain.everyLinkBonus!.bonus;
  const held = new Set(causes.map((f) => f.rule));
  const contradictions: string[] = [];
  for (const c of chain.contradictedBy ?? []) {
    if (c.unless?.some((r) => held.has(r)) || (c.unlessEveryLink && everyLink)) continue;
    const present = c.onEveryOtherMember
      ? onEveryOtherMember(findings, c.rule, subject, metrics)
      : findings.some((f) => f.rule === c.rule && placedAt(f, c.where, subject, chain, metrics));
    if (present) {
      score -= c.penalty;
      contradictions.push(c.why);
    }
  }
  const events = chain.minEvents && windowSeconds ? eventsOf(metrics, chain.minEvents.metric, subject, windowSeconds) : null;
  if (events !== null && events < chain.minEvents!.count) {
    score /= 2;
    contradictions.push(`only about ${Math.round(events)} events in the window, so its tail latency is close to the single slowest one`);
  }
  return { chain, subject, causes, consequences, contradictions, score };
}

/** Events of a per-second rate metric on one member over the window (avg × seconds), or null without data. */
function eventsOf(metrics: readonly MetricSummary[], metric: string, member: string, windowSeconds: number): number | null {
  const avg = metrics.find((m) => m.metric === metric && m.member === member)?.stats.avg;
  return typeof avg === 'number' && Number.isFinite(avg) ? avg * windowSeconds : null;
}

/** The strongest finding counts fully; every further one of the same signal (another peer, another link) a quarter. */
function strength(ref: SignalRef, hits: readonly Finding[]): number {
  const factors = hits.map((f) => (ref.definitive ? 1 : SEVERITY_FACTOR[f.severity])).sort((a, b) => b - a);
  return factors.reduce((sum, k, i) => sum + ref.weight * k * (i === 0 || ref.eachCounts ? 1 : 0.25), 0);
}

/** Every `requires` entry is among the cause findings, at the severity asked. */
function satisfies(chain: CausalChain, causes: readonly Finding[]): boolean {
  return (chain.requires ?? []).every((r) => causes.some((f) => f.rule === r.rule && (!r.severity || SEVERITY_RANK[f.severity] >= SEVERITY_RANK[r.severity])));
}

/** The pair findings name every link measured (at least three): the whole network, not one member, is slow. */
function coversEveryLink(bonus: NonNullable<CausalChain['everyLinkBonus']>, causes: readonly Finding[], metrics: readonly MetricSummary[]): boolean {
  const links = new Set(metrics.filter((m) => m.metric === bonus.metric && Object.values(m.stats).some((v) => typeof v === 'number')).map((m) => m.member));
  const slow = new Set(causes.filter((f) => f.rule === bonus.rule).map((f) => f.id.slice(f.rule.length + 1)));
  return links.size >= 3 && [...links].every((l) => slow.has(l));
}

/** The subjects are every member seen in the metrics. */
function everyMember(metrics: readonly MetricSummary[], subjects: ReadonlySet<string>): boolean {
  const members = membersIn(metrics);
  return members.length > 0 && members.every((m) => subjects.has(m));
}

/** The rule fired on every member other than the subject (at least two of them). */
function onEveryOtherMember(findings: readonly Finding[], rule: string, subject: string, metrics: readonly MetricSummary[]): boolean {
  const others = membersIn(metrics).filter((m) => m !== subject);
  return others.length >= 2 && others.every((m) => findings.some((f) => f.rule === rule && f.member === m));
}
