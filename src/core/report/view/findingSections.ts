// Bottleneck analysis (root-cause chains, then one card per finding with its evidence and root cause) and the
// recommendations by priority.
import type { Bottleneck, ReportModel } from '../modelTypes';
import type { Evidence, Severity } from '../../types';
import type { Block, Inline, ListItem, Section } from './types';
import { formatEvidence, SEVERITY_TEXT } from '../sectionText';
import { anchorId, badge, empty, heading, para, section } from './parts';
import { rootCauseChains, type RootCauseChain } from './rootCauseChains';

function findingLink(b: Bottleneck): Inline {
  return { kind: 'link', target: anchorId('finding', b.findingId), text: b.title };
}

function chainsGroup(chains: RootCauseChain[]): Block | null {
  if (!chains.length) return null;
  const items: ListItem[] = chains.map((c) => ({
    runs: [badge(c.root.severity, SEVERITY_TEXT[c.root.severity]), ' ', { kind: 'strong', text: c.root.title }],
    children: [{ kind: 'list', ordered: false, role: 'effects', items: c.effects.map((e) => ({ runs: ['→ ', findingLink(e), { kind: 'span', role: 'where', text: ` (${e.category} · ${e.member})` }] })) }],
    data: { root: c.root.findingId },
  }));
  return { kind: 'group', role: 'chains', data: { part: 'root-cause-chains' }, children: [heading('Root-cause chains'), { kind: 'list', ordered: true, role: 'chain-list', items }] };
}

/** The evidence of a finding, one line each (the same words in the report, the dashboard and the answer). */
export function evidenceList(evidence: readonly Evidence[]): Block | null {
  return evidence.length ? { kind: 'list', ordered: false, role: 'evidence', items: evidence.map((e) => ({ runs: [formatEvidence(e)] })) } : null;
}

/** "critical · Slow disk on m2": a severity badge before a title. */
export function severityTitle(severity: Severity, title: string): Inline[] {
  return [badge(severity, SEVERITY_TEXT[severity]), ' ', title];
}

function findingCard(b: Bottleneck): Block {
  const children = [
    para(`${b.category} · ${b.member}`, 'where'),
    evidenceList(b.evidence),
    b.rootCause ? para([{ kind: 'strong', text: 'Root cause: ' }, b.rootCause]) : null,
    b.related.length ? para([{ kind: 'strong', text: 'Related: ' }, b.related.join(' → ')], 'chain') : null,
  ].filter((x): x is Block => !!x);
  return { kind: 'card', heading: severityTitle(b.severity, b.title), anchor: anchorId('finding', b.findingId), role: `finding severity-${b.severity}`, data: { finding: b.findingId }, children };
}

export function bottlenecksSection(m: ReportModel): Section {
  if (!m.bottlenecks.length) return section('bottlenecks', 'Bottleneck analysis', empty('No bottlenecks found: every evaluated metric is within its healthy target.'));
  return section('bottlenecks', 'Bottleneck analysis', chainsGroup(rootCauseChains(m.bottlenecks)), ...m.bottlenecks.map(findingCard));
}

export function recommendationsSection(m: ReportModel): Section {
  if (!m.recommendations.length) return section('recommendations', 'Recommendations', empty('Nothing to do: no findings.'));
  const items: ListItem[] = m.recommendations.map((r) => ({
    runs: [badge(r.severity, SEVERITY_TEXT[r.severity]), ' ', { kind: 'span', role: 'where', text: `priority ${r.priority} · ${r.category} · ${r.members.join(', ')}` }],
    children: [para(r.text)],
    data: { priority: String(r.priority) },
  }));
  return section('recommendations', 'Recommendations', { kind: 'list', ordered: true, role: 'recommendations', items });
}
