// One word for the whole cluster, from the worst finding.
import type { Finding } from '../types';

export type OverallHealth = 'healthy' | 'degraded' | 'critical';

export function overallHealth(findings: readonly Pick<Finding, 'severity'>[]): OverallHealth {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'degraded';
  return 'healthy';
}
