// Candidate causes: every (chain, subject) some finding starts, with the findings that support it, the findings it
// would explain and what argues against it, scored by evidence strength (see docs/diagnosis.md).
import type { Finding, MetricSummary, Severity } from '../types';
import { CHAINS, type CausalChain, type SignalRef } from './chains';
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

export function candidatesOf(findings: readonly Finding[], metrics: readonly MetricSummary[]): Candidate[] {
  const out: Candidate[] = [];
  for (const chain of CHAINS) {
    const subjects = new Set<string>();
    for (const ref of chain.starts) {
      for (const f of findings) if (f.rule === ref.rule) {
        const s = subjectFor(f, ref.where, chain, metrics);
        if (s && placedAt(f, ref.where, s, chain, metrics)) subjects.add(s);
      }
    }
    for (const subject of [...subjects].sort()) out.push(build(chain, subject, findings, metrics));
  }
  return out;
}

function build(chain: CausalChain, subject: string, findings: readonly Finding[], metrics: readonly MetricSummary[]): Candidate {
  let causes: Finding[] = [];
  const inferred: Finding[] = [];
  let score = 0;
  for (const ref of [...chain.starts, ...chain.supports]) {
    const hits = findings.filter((f) => f.rule === ref.rule && placedAt(f, ref.where, subject, chain, metrics) && !causes.includes(f));
    causes.push(...hits);
    if (ref.inferred) inferred.push(...hits);
    score += strength(ref, hits);
  }
  // Measured directly (the member is down, its quota full): what it was inferred from is its consequence.
  if (inferred.length && causes.length > inferred.length) causes = causes.filter((f) => !inferred.includes(f));
  const consequences = findings.filter(
    (f) => !causes.includes(f) && (inferred.includes(f) || chain.consequences.some((c) => c.rule === f.rule && placedAt(f, c.where, subject, chain, metrics))),
  );
  score += Math.min(CONSEQUENCE_CAP, consequences.length * CONSEQUENCE_POINTS);
  const held = new Set(causes.map((f) => f.rule));
  const contradictions: string[] = [];
  for (const c of chain.contradictedBy ?? []) {
    if (c.unless?.some((r) => held.has(r))) continue;
    if (findings.some((f) => f.rule === c.rule && placedAt(f, c.where, subject, chain, metrics))) {
      score -= c.penalty;
      contradictions.push(c.why);
    }
  }
  return { chain, subject, causes, consequences, contradictions, score };
}

/** The strongest finding counts fully; every further one of the same signal (another peer, another link) a quarter. */
function strength(ref: SignalRef, hits: readonly Finding[]): number {
  const factors = hits.map((f) => SEVERITY_FACTOR[f.severity]).sort((a, b) => b - a);
  return factors.reduce((sum, k, i) => sum + ref.weight * k * (i === 0 ? 1 : 0.25), 0);
}
