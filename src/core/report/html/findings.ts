// Bottleneck analysis (evidence, root cause, root-cause chains from the findings' `related` links) and the
// recommendations ordered by priority.
import type { Bottleneck, ReportModel } from '../modelTypes';
import { anchorId, h, list, type SafeHtml } from './tags';
import { badge, empty, section } from './common';
import { formatEvidence, SEVERITY_TEXT } from '../sectionText';

export interface RootCauseChain {
  root: Bottleneck;
  /** The findings the root explains, in report priority order. */
  effects: Bottleneck[];
}

/**
 * Groups findings linked by `related` into chains. The root of a group is the finding with the most links (the
 * correlation finding that names both sides, e.g. "disk is the bottleneck on m2"); ties go to the higher priority.
 */
export function rootCauseChains(bottlenecks: readonly Bottleneck[]): RootCauseChain[] {
  const byId = new Map(bottlenecks.map((b) => [b.findingId, b]));
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!byId.has(a) || !byId.has(b) || a === b) return;
    (links.get(a) ?? links.set(a, new Set()).get(a)!).add(b);
    (links.get(b) ?? links.set(b, new Set()).get(b)!).add(a);
  };
  for (const b of bottlenecks) for (const r of b.relatedIds ?? []) link(b.findingId, r);

  const seen = new Set<string>();
  const chains: RootCauseChain[] = [];
  for (const start of bottlenecks) {
    if (seen.has(start.findingId) || !links.has(start.findingId)) continue;
    const group: Bottleneck[] = [];
    const queue = [start.findingId];
    seen.add(start.findingId);
    while (queue.length) {
      const id = queue.shift()!;
      group.push(byId.get(id)!);
      for (const n of links.get(id) ?? []) if (!seen.has(n)) (seen.add(n), queue.push(n));
    }
    const order = new Map(bottlenecks.map((b, i) => [b.findingId, i]));
    group.sort((a, b) => order.get(a.findingId)! - order.get(b.findingId)!);
    const root = group.reduce((best, b) => ((b.relatedIds?.length ?? 0) > (best.relatedIds?.length ?? 0) ? b : best), group[0]);
    chains.push({ root, effects: group.filter((b) => b !== root) });
  }
  return chains;
}

function findingLink(b: Bottleneck): SafeHtml {
  return h('a', { href: `#${anchorId('finding', b.findingId)}` }, b.title);
}

function chainsHtml(chains: RootCauseChain[]): SafeHtml | null {
  if (!chains.length) return null;
  return h(
    'div',
    { class: 'chains', 'data-part': 'root-cause-chains' },
    h('h3', null, 'Root-cause chains'),
    h(
      'ol',
      { class: 'chain-list' },
      ...chains.map((c) =>
        h(
          'li',
          { class: 'chain', 'data-root': c.root.findingId },
          badge(c.root.severity, SEVERITY_TEXT[c.root.severity]),
          ' ',
          h('strong', null, findingLink(c.root)),
          h('ul', { class: 'effects' }, ...c.effects.map((e) => h('li', null, '→ ', findingLink(e), h('span', { class: 'where' }, ` (${e.category} · ${e.member})`)))),
        ),
      ),
    ),
  );
}

function findingCard(b: Bottleneck): SafeHtml {
  return h(
    'article',
    { class: `finding severity-${b.severity}`, id: anchorId('finding', b.findingId), 'data-finding': b.findingId },
    h('h3', null, badge(b.severity, SEVERITY_TEXT[b.severity]), ' ', b.title),
    h('p', { class: 'where' }, `${b.category} · ${b.member}`),
    b.evidence.length ? h('ul', { class: 'evidence' }, ...b.evidence.map((e) => h('li', null, formatEvidence(e)))) : null,
    b.rootCause ? h('p', null, h('strong', null, 'Root cause: '), b.rootCause) : null,
    b.related.length ? h('p', { class: 'chain' }, h('strong', null, 'Related: '), b.related.join(' · ')) : null,
  );
}

export function bottlenecksHtml(m: ReportModel): SafeHtml {
  if (!m.bottlenecks.length) return section('bottlenecks', 'Bottleneck analysis', empty('No bottlenecks found: every evaluated metric is within its healthy target.'));
  return section('bottlenecks', 'Bottleneck analysis', chainsHtml(rootCauseChains(m.bottlenecks)), list(m.bottlenecks.map(findingCard)));
}

export function recommendationsHtml(m: ReportModel): SafeHtml {
  if (!m.recommendations.length) return section('recommendations', 'Recommendations', empty('Nothing to do: no findings.'));
  return section(
    'recommendations',
    'Recommendations',
    h(
      'ol',
      { class: 'recommendations' },
      ...m.recommendations.map((r) =>
        h(
          'li',
          { 'data-priority': String(r.priority) },
          badge(r.severity, SEVERITY_TEXT[r.severity]),
          ' ',
          h('span', { class: 'where' }, `priority ${r.priority} · ${r.category} · ${r.members.join(', ')}`),
          h('p', null, r.text),
        ),
      ),
    ),
  );
}
