// A recorded bottleneck-analysis result judged again by today's engine: the recorded metric summaries through
// today's rules, then today's diagnosis (no bed, seconds), so a rule or ranking change shows on real faults at once.
import { DEFAULT_THRESHOLDS } from '../../src/core/analysis/thresholds';
import { evaluateFindings } from '../../src/core/analysis/evaluate';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import type { EtcdClusterStatus } from '../../src/core/source/clusterStatusTypes';
import type { AnalyzerResult } from '../../src/core/types';

export function rediagnose(recorded: AnalyzerResult): AnalyzerResult {
  // The NOSPACE alarm came from the etcd API at recording time; it is kept in data.alarms.
  const alarms = (recorded.data?.alarms ?? []) as EtcdClusterStatus['alarms'];
  const clusterStatus = alarms.length ? ({ members: [], alarms } as unknown as EtcdClusterStatus) : undefined;
  const findings = evaluateFindings(recorded.metrics, DEFAULT_THRESHOLDS, { window: recorded.range.duration, at: recorded.range.end, clusterStatus });
  return { ...recorded, findings, diagnosis: diagnose({ findings, metrics: recorded.metrics, errors: recorded.errors, window: recorded.range.duration }) };
}
