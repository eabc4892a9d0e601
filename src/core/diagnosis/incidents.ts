// Candidates → ranked incidents. The strongest candidate claims its findings first (cause and consequences); a
// candidate whose own cause findings were all claimed by a stronger one is dropped (it was a consequence, e.g. the
// peers' send failures to a member whose disk is slow). Symptoms no cause explains become incidents of their own,
// ranked after every real cause and marked low confidence.
import type { Confidence, Finding, Incident, MetricSummary, Severity } from '../types';
import { candidatesOf, type Candidate } from './candidates';
import { headlineOf, joinAnd } from './headline';
import { pairOfFinding } from './placement';
import { SYMPTOM_RULES } from './chains';
import { maxSeverity, SEVERITY_RANK } from '../analysis/finding';
import { REC } from '../analysis/recommendations';
import { nodeOfMember } from '../analysis/metricLookup';

export interface Grouped {
  incidents: Incident[];
  /** Info findings no incident claims. */
  unexplained: string[];
}

export function groupIncidents(findings: readonly Finding[], metrics: readonly MetricSummary[], windowSeconds?: number): Grouped {
  const candidates = candidatesOf(findings, metrics, windowSeconds).sort(compareCandidates);
  const claimed = new Set<string>();
  const incidents: Incident[] = [];
  for (const c of candidates) {
    const own = c.causes.filter((f) => !claimed.has(f.id));
    if (!own.length) continue;
    // A member-less symptom start (peer failures alone) that a stronger cause already explains is not a new cause.
    const consequences = c.consequences.filter((f) => !claimed.has(f.id));
    const picked: Candidate = { ...c, causes: own, consequences };
    for (const f of [...own, ...consequences]) claimed.add(f.id);
    incidents.push(toIncident(picked, metrics, findings));
  }
  const rest = findings.filter((f) => !claimed.has(f.id));
  incidents.push(...symptomIncidents(rest.filter((f) => f.severity !== 'info')));
  const unexplained = rest.filter((f) => f.severity === 'info').map((f) => f.id);
  // Causes with a warning or worse first, by score; info-only causes (an outlier below target) after them.
  const ranked = [...incidents.filter((i) => i.severity !== 'info'), ...incidents.filter((i) => i.severity === 'info')];
  ranked.forEach((i, n) => (i.rank = n + 1));
  return { incidents: ranked, unexplained };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return b.score - a.score || SEVERITY_RANK[worst(b)] - SEVERITY_RANK[worst(a)] || a.chain.id.localeCompare(b.chain.id) || a.subject.localeCompare(b.subject);
}

function worst(c: Pick<Candidate, 'causes' | 'consequences'>): Severity {
  return maxSeverity(...c.causes.map((f) => f.severity), ...c.consequences.map((f) => f.severity));
}

/** Independent signals that agree: distinct cause rules, plus one for fitting consequences; a contradiction costs one. */
export function confidenceOf(c: Candidate): Confidence {
  const definitive = new Set(c.chain.starts.filter((r) => r.definitive).map((r) => r.rule));
  const direct = c.causes.some((f) => definitive.has(f.rule));
  const signals = new Set(c.causes.map((f) => f.rule.replace(/^outlier_/, 'outlier'))).size + (c.consequences.length ? 1 : 0) - c.contradictions.length;
  if (direct || signals >= 3) return c.contradictions.length ? 'medium' : 'high';
  return signals >= 2 ? 'medium' : 'low';
}

function toIncident(c: Candidate, metrics: readonly MetricSummary[], all: readonly Finding[]): Incident {
  const subject = refineNetworkSubject(c);
  const node = c.chain.subject === 'node' ? c.subject : subject !== 'cluster' ? nodeOfMember(metrics, subject) : undefined;
  const causeEvidence = c.causes.flatMap((f) => f.evidence.slice(0, 2));
  const consequenceEvidence = c.consequences.slice(0, 3).flatMap((f) => f.evidence.slice(0, 1));
  const reasoning =
    c.chain.reasoning.replace(/\{s\}/g, subject === 'cluster' ? 'the cluster' : subject).replace('{where}', subject === 'cluster' ? ' between every member' : ` touching ${subject}`) +
    (c.contradictions.length ? ` Against it: ${c.contradictions.join('; ')}.` : '');
  const incident: Incident = {
    id: `${c.chain.category}:${subject}`,
    rank: 0,
    severity: c.chain.capWithoutEffects && !c.consequences.length && SEVERITY_RANK[worst(c)] > SEVERITY_RANK[c.chain.capWithoutEffects] ? c.chain.capWithoutEffects : worst(c),
    category: c.chain.category,
    member: subject,
    ...(node && node !== subject ? { node } : {}),
    confidence: confidenceOf(c),
    headline: headlineOf({ ...c, subject }, metrics, all),
    evidence: [...causeEvidence, ...consequenceEvidence],
    reasoning,
    causeFindings: c.causes.map((f) => f.id),
    consequences: c.consequences.map((f) => f.id),
    recommendation: c.chain.recommendation,
  };
  const episode = episodeOf(c);
  if (episode) incident.episode = episode;
  return incident;
}

/** Slow links that all touch one member point at that member; otherwise the network as a whole. */
function refineNetworkSubject(c: Candidate): string {
  if (c.chain.id !== 'slow_network') return c.subject;
  const pairs = c.causes.map(pairOfFinding).filter((p): p is { from: string; to: string } => !!p);
  if (pairs.length < 1) return c.subject;
  const ends = [pairs[0].from, pairs[0].to].filter((m) => pairs.every((p) => p.from === m || p.to === m));
  const allMembers = new Set(pairs.flatMap((p) => [p.from, p.to]));
  return ends.length === 1 && allMembers.size > 2 ? ends[0] : c.subject;
}

/** The peak time of the cause's strongest evidence, when a peak statistic carries one. */
function episodeOf(c: Candidate): Incident['episode'] | undefined {
  const peak = c.causes.flatMap((f) => f.evidence).find((e) => e.statistic === 'max' && e.note?.includes('peak at'));
  return peak?.at ? { peakAt: peak.at } : undefined;
}

/** Symptoms no cause explains: one incident per category, naming the member when they all sit on one. */
function symptomIncidents(rest: readonly Finding[]): Incident[] {
  const byCategory = new Map<string, Finding[]>();
  for (const f of rest) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  const out: Incident[] = [];
  for (const [category, fs] of byCategory) {
    const members = [...new Set(fs.map((f) => f.member))];
    const member = members.length === 1 ? members[0] : 'cluster';
    const symptomOnly = fs.every((f) => SYMPTOM_RULES.has(f.rule));
    const top = [...fs].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])[0];
    out.push({
      id: `${category}:${member}`,
      rank: 0,
      severity: maxSeverity(...fs.map((f) => f.severity)),
      category: top.category,
      member,
      confidence: 'low',
      headline: symptomOnly ? `${top.title} (cause not identified: no disk, CPU, network or member signal explains it)` : top.title,
      evidence: fs.flatMap((f) => f.evidence.slice(0, 1)),
      reasoning: symptomOnly
        ? `These are effects (${joinAnd([...new Set(fs.map((f) => f.rule.replace(/_/g, ' ')))])}) with no measured cause in the window: look at the signals listed as not judged, or a longer window.`
        : top.rootCause,
      causeFindings: symptomOnly ? [] : fs.map((f) => f.id),
      consequences: symptomOnly ? fs.map((f) => f.id) : [],
      recommendation: top.recommendation || REC.leader,
    });
  }
  return out.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id));
}
