// The one order of findings every view shows (report panel, HTML file, sidebar dashboard, markdown), and the
// one way findings from several results of a run are merged. Pure and small, so the webview bundles can use it.
import type { AnalyzerResult, Finding, FindingCategory, Severity } from '../types';

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** The etcd FAQ's order of causes: disk first, then CPU, network, then request load; availability problems outrank all. */
const CATEGORY_ORDER: FindingCategory[] = [
  'availability',
  'quota',
  'leader',
  'disk',
  'cpu',
  'memory',
  'network',
  'proposals',
  'grpc',
  'fragmentation',
];

/** Severity, then cause order, then findings that explain more (longer related chain), then member name. */
export function byPriority(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
    (b.related?.length ?? 0) - (a.related?.length ?? 0) ||
    a.member.localeCompare(b.member)
  );
}

/** One finding per id (the most severe copy wins, e.g. when two analyzers grade the same thing), in priority order. */
export function mergeFindings(results: readonly AnalyzerResult[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const r of results) {
    for (const f of r.findings) {
      const prev = byId.get(f.id);
      if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) byId.set(f.id, f);
    }
  }
  return [...byId.values()].sort(byPriority);
}
