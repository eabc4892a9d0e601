// The analyzers that read one time window of metrics (no history store, no other analyzers), in the order tools are
// listed to users. Written once: the registry lists them and the performance report runs them as its sections.
import type { Analyzer } from './types';
import type { commonInput } from './input';
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

export const WINDOW_ANALYZERS: readonly Analyzer<typeof commonInput>[] = [
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
];
