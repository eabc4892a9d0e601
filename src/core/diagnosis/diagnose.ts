// The diagnosis: findings grouped into ranked incidents (cause, member, evidence, consequences), the signals that
// could not be judged, and one verdict. Pure: findings + metric summaries + errors in, Diagnosis out.
import type { Diagnosis, Finding, MetricSummary, QueryError, Verdict } from '../types';
import { groupIncidents } from './incidents';
import { findUnjudged } from './unjudged';
import { joinAnd } from './headline';
import { parseDuration } from '../util/duration';

export interface DiagnoseInput {
  findings: readonly Finding[];
  metrics: readonly MetricSummary[];
  errors?: readonly QueryError[];
  /** Window text for the healthy/unknown headline (`5m`). */
  window?: string;
}

export function diagnose(input: DiagnoseInput): Diagnosis {
  const { incidents, unexplained } = groupIncidents(input.findings, input.metrics, windowSeconds(input.window));
  const unjudged = findUnjudged(input.metrics, input.findings, input.errors ?? []);
  const verdict = verdictOf(incidents, unjudged.length, input.metrics.length);
  return { verdict, headline: headline(verdict, incidents, unjudged, input.window), incidents, unexplained, unjudged };
}

/** critical/degraded from the incidents; healthy only when every needed signal was judged; else unknown. */
function verdictOf(incidents: Diagnosis['incidents'], unjudged: number, rows: number): Verdict {
  if (incidents.some((i) => i.severity === 'critical')) return 'critical';
  if (incidents.some((i) => i.severity === 'warning')) return 'degraded';
  return unjudged > 0 || rows === 0 ? 'unknown' : 'healthy';
}

function headline(verdict: Verdict, incidents: Diagnosis['incidents'], unjudged: Diagnosis['unjudged'], window?: string): string {
  const top = incidents.find((i) => i.severity !== 'info');
  if (top) return top.headline;
  const over = window ? ` over ${window}` : '';
  if (verdict === 'unknown') {
    const signals = [...new Set(unjudged.map((u) => u.signal))];
    const first = unjudged[0];
    return signals.length
      ? `Cannot judge the cluster${over}: no usable data for ${joinAnd(signals.slice(0, 4))}${signals.length > 4 ? ` and ${signals.length - 4} more` : ''} (${first.member ? `${first.member}: ` : ''}${first.reason})`
      : `Cannot judge the cluster${over}: no etcd data could be read`;
  }
  return `Healthy${over}: no cause found — availability, disk, CPU, network, leadership and quota were all judged and within target`;
}

function windowSeconds(window: string | undefined): number | undefined {
  if (!window) return undefined;
  try {
    return parseDuration(window);
  } catch {
    return undefined;
  }
}
