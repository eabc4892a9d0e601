// GET /metrics: the latest diagnosis as Prometheus metrics, so the cluster's own Prometheus and Alertmanager can
// alert on it. The latest diagnosis is the last periodic run (--every) or the last REST run that carried one.
// Before any run there is no verdict and no finding series: absence, not a "healthy" value.
import { version } from '../../../package.json';
import type { ServeDeps } from '../deps';
import { sendText } from '../http';
import { renderPromText, type MetricFamily } from '../promText';
import type { Route } from '../router';

const VERDICTS = ['healthy', 'degraded', 'critical', 'unknown'] as const;

export function metricsFamilies(deps: ServeDeps): MetricFamily[] {
  const last = deps.latest.get();
  const families: MetricFamily[] = [
    {
      name: 'etcd_analyzer_build_info',
      help: 'The analyzer build serving these metrics (always 1).',
      type: 'gauge',
      samples: [{ labels: { version, node_version: process.version }, value: 1 }],
    },
    { name: 'etcd_analyzer_runs_in_flight', help: 'Analyzer runs in progress in this server.', type: 'gauge', samples: [{ value: deps.runs.size }] },
    {
      name: 'etcd_analyzer_query_errors_total',
      help: 'Prometheus queries that failed in runs of this server since it started.',
      type: 'counter',
      samples: [{ value: deps.latest.queryErrors }],
    },
    {
      name: 'etcd_analyzer_periodic_failures_total',
      help: 'Periodic diagnoses (--every) that could not read anything or failed.',
      type: 'counter',
      samples: [{ value: deps.latest.periodicFailures }],
    },
  ];
  if (!last) return families;
  const r = last.result;
  const labels = { tool: last.tool };
  families.push(
    { name: 'etcd_analyzer_last_run_timestamp_seconds', help: 'When the latest diagnosis finished (Unix time).', type: 'gauge', samples: [{ labels, value: last.finishedAt / 1000 }] },
    { name: 'etcd_analyzer_last_run_duration_seconds', help: 'How long the latest diagnosis took.', type: 'gauge', samples: [{ labels, value: last.durationMs / 1000 }] },
    {
      name: 'etcd_analyzer_last_run_query_errors',
      help: 'Queries that failed in the latest diagnosis (its findings may be partial).',
      type: 'gauge',
      samples: [{ labels, value: r.errors.length }],
    },
  );
  if (r.diagnosis) {
    const verdict = r.diagnosis.verdict;
    families.push({
      name: 'etcd_analyzer_diagnosis_verdict',
      help: 'The latest diagnosis verdict: 1 for the current one (unknown = the data could not be judged).',
      type: 'gauge',
      samples: VERDICTS.map((v) => ({ labels: { verdict: v }, value: v === verdict ? 1 : 0 })),
    });
  }
  // One series per (rule, member): the worst severity wins if a rule reported a member twice.
  const rank = { info: 0, warning: 1, critical: 2 } as Record<string, number>;
  const byKey = new Map<string, (typeof r.findings)[number]>();
  for (const f of r.findings) {
    const k = `${f.rule}\u0000${f.member}`;
    const had = byKey.get(k);
    if (!had || (rank[f.severity] ?? 0) > (rank[had.severity] ?? 0)) byKey.set(k, f);
  }
  families.push({
    name: 'etcd_analyzer_finding',
    help: 'A finding of the latest diagnosis (1 per rule and member; severity info, warning or critical).',
    type: 'gauge',
    samples: [...byKey.values()].map((f) => ({ labels: { rule: f.rule, category: f.category, severity: f.severity, member: f.member }, value: 1 })),
  });
  families.push({
    name: 'etcd_analyzer_findings',
    help: 'Findings of the latest diagnosis by severity.',
    type: 'gauge',
    samples: ['critical', 'warning', 'info'].map((s) => ({ labels: { severity: s }, value: r.findings.filter((f) => f.severity === s).length })),
  });
  return families;
}

export function metricsRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      doc: {
        summary: 'The latest diagnosis and findings in the Prometheus text format',
        description: 'etcd_analyzer_finding{rule,category,severity,member}, etcd_analyzer_diagnosis_verdict{verdict}, etcd_analyzer_last_run_timestamp_seconds, … Refreshed by --every.',
        tags: ['metrics'],
        responses: { 'text/plain': undefined },
      },
      handler: ({ res, deps }) => sendText(res, 200, renderPromText(metricsFamilies(deps)), 'text/plain; version=0.0.4; charset=utf-8'),
    },
  ];
}
