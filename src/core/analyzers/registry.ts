// The one registry every face adapts (LM tools, MCP, CLI, chat). Order = the order tools are listed to users.
import type { Analyzer } from './types';
import { serverHealthAnalyzer } from './serverHealth';
import { clusterStatusAnalyzer } from './clusterStatus';
import { ocpClusterInfoAnalyzer } from './ocpClusterInfo';
import { ocpNodeUsageAnalyzer } from './ocpNodeUsage';
import { generalInfoAnalyzer } from './generalInfo';
import { walFsyncAnalyzer } from './walFsync';
import { backendCommitAnalyzer } from './backendCommit';
import { compactDefragAnalyzer } from './compactDefrag';
import { nodeDiskIoAnalyzer } from './nodeDiskIo';
import { networkIoAnalyzer } from './networkIo';
import { deepDriveAnalyzer } from './deepDrive';
import { bottleneckAnalysisAnalyzer } from './bottleneckAnalysis';
import { performanceReportAnalyzer } from './performanceReport';
import { historyTrendsAnalyzer } from './historyTrends';
import { compareToBaselineAnalyzer } from './compareToBaseline';

export const analyzers: Analyzer[] = [
  serverHealthAnalyzer,
  clusterStatusAnalyzer,
  ocpClusterInfoAnalyzer,
  ocpNodeUsageAnalyzer,
  generalInfoAnalyzer,
  walFsyncAnalyzer,
  backendCommitAnalyzer,
  compactDefragAnalyzer,
  nodeDiskIoAnalyzer,
  networkIoAnalyzer,
  deepDriveAnalyzer,
  bottleneckAnalysisAnalyzer,
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
