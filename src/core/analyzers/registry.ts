// The one registry every face adapts (LM tools, MCP, CLI, chat). Order = the order tools are listed to users.
// Faces never name an analyzer: they loop over this list, or ask for the one holding a role.
import type { Analyzer, AnalyzerRole } from './types';
import { WINDOW_ANALYZERS } from './windowAnalyzers';
import { performanceReportAnalyzer } from './performanceReport';
import { historyTrendsAnalyzer } from './historyTrends';
import { compareToBaselineAnalyzer } from './compareToBaseline';

export const analyzers: Analyzer[] = [
  ...WINDOW_ANALYZERS,
  performanceReportAnalyzer,
  historyTrendsAnalyzer,
  compareToBaselineAnalyzer,
] as Analyzer[];

const byName = new Map(analyzers.map((a) => [a.name, a]));
if (byName.size !== analyzers.length) throw new Error('analyzer registry: duplicate name');

const byRole = new Map<AnalyzerRole, Analyzer>();
for (const a of analyzers) {
  for (const role of a.roles ?? []) {
    if (byRole.has(role)) throw new Error(`analyzer registry: role "${role}" held by ${byRole.get(role)?.name} and ${a.name}`);
    byRole.set(role, a);
  }
}

export const analyzerNames: readonly string[] = analyzers.map((a) => a.name);

export function getAnalyzer(name: string): Analyzer | undefined {
  return byName.get(name);
}

/** The analyzer that does a face's job (every role is held: see ROLES below and the registry test). */
export function analyzerFor(role: AnalyzerRole): Analyzer {
  const a = byRole.get(role);
  if (!a) throw new Error(`analyzer registry: no analyzer holds the role "${role}"`);
  return a;
}

/** The roles faces rely on; the registry test checks each is held by exactly one analyzer. */
export const ROLES: readonly AnalyzerRole[] = ['connection_check', 'cluster_status', 'dashboard', 'diagnosis', 'report', 'baseline', 'trends'];

/** Analyzers that read Prometheus (the others read stored runs only). */
export function needsPrometheus(name: string): boolean {
  return getAnalyzer(name)?.needsPrometheus !== false;
}
