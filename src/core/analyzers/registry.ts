// The one registry every face adapts (LM tools, MCP, CLI, chat). Order = the order tools are listed to users.
import type { Analyzer } from './types';
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

export const analyzerNames: readonly string[] = analyzers.map((a) => a.name);

export function getAnalyzer(name: string): Analyzer | undefined {
  return byName.get(name);
}
