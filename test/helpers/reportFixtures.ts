// Report inputs for the HTML report tests: the recorded live deep-drive result (test/fixtures/webview) with one
// member renamed to a hostile string, a root-cause chain of findings, failed queries with hostile text, and a
// compare_etcd_to_baseline result, so every section of the report has content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzerResult, Finding } from '../../src/core/types';

/** Closes a script element and runs code if it ever reaches the HTML parser unescaped. */
export const HOSTILE = '</script><img src=x onerror="window.__pwned=1">';
/** Breaks out of a JSON string/array if JSON were built by concatenation. */
export const HOSTILE_JSON = '"}]';
export const HOSTILE_MEMBER = `m2${HOSTILE}${HOSTILE_JSON}`;

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'webview', 'deep-drive.json');

function rename<T>(value: T, from: string, to: string): T {
  // Member names appear as whole JSON strings (`"m2"`) or as the sides of a pair (`m1→m2`).
  const text = JSON.stringify(value)
    .replace(new RegExp(`"${from}"`, 'g'), JSON.stringify(to))
    .replace(new RegExp(`→${from}"`, 'g'), `→${JSON.stringify(to).slice(1)}`)
    .replace(new RegExp(`"${from}→`, 'g'), `${JSON.stringify(to).slice(0, -1)}→`);
  return JSON.parse(text) as T;
}

function finding(id: string, rule: string, member: string, title: string, related: string[], severity: Finding['severity'] = 'warning'): Finding {
  return {
    id,
    rule,
    category: rule.includes('disk') || rule.includes('wal') ? 'disk' : 'cpu',
    severity,
    member,
    title,
    evidence: [{ metric: 'wal_fsync_duration', member, statistic: 'p99', value: 0.042, unit: 'seconds', threshold: 0.01, window: '15m', note: `note ${HOSTILE}` }],
    rootCause: `Root cause text for ${member} ${HOSTILE}`,
    recommendation: `Move ${member}'s data dir to a dedicated SSD ${HOSTILE_JSON}`,
    related,
  };
}

/** The recorded deep drive with m2 renamed to HOSTILE_MEMBER, plus a root-cause chain and failed queries. */
export function hostileReportResult(): AnalyzerResult {
  const base = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as AnalyzerResult;
  const r = rename(base, 'm2', HOSTILE_MEMBER);
  const wal = finding(`wal_fsync_p99_high:${HOSTILE_MEMBER}`, 'wal_fsync_p99_high', HOSTILE_MEMBER, `WAL fsync p99 42 ms on ${HOSTILE_MEMBER}`, [`disk_root_cause:${HOSTILE_MEMBER}`]);
  const iowait = finding('node_iowait_high:node-a', 'node_iowait_high', 'node-a', 'Node iowait 25 % on node-a', [`disk_root_cause:${HOSTILE_MEMBER}`]);
  const root = finding(`disk_root_cause:${HOSTILE_MEMBER}`, 'disk_root_cause', HOSTILE_MEMBER, `Disk is the bottleneck on ${HOSTILE_MEMBER}`, [wal.id, iowait.id], 'critical');
  return {
    ...r,
    tool: 'generate_etcd_performance_report',
    title: 'etcd performance report',
    findings: [...r.findings, root, wal, iowait],
    errors: [
      { kind: 'bad_query', query: `sum(rate(x{member="${HOSTILE}"}[5m]))`, metric: 'grpc_request_rate', message: `parse error ${HOSTILE}`, hint: 'fix the selector' },
      { kind: 'timeout', query: 'histogram_quantile(0.99, …)', message: 'timed out after 30 s', hint: 'retry with a shorter window' },
    ],
    queries: [...(r.queries ?? []), `up{member="${HOSTILE}"}`],
  };
}

/** A compare_etcd_to_baseline result as that analyzer returns it (data.comparisons rows). */
export function baselineResult(range: AnalyzerResult['range']): AnalyzerResult {
  return {
    tool: 'compare_etcd_to_baseline',
    title: 'etcd now vs baseline',
    summary: `Now (15m) vs baseline: 4 values compared, 1 regression(s) beyond 25 %: WAL fsync p99 ${HOSTILE_MEMBER} +120 %.`,
    status: 'ok',
    range,
    metrics: [],
    findings: [],
    errors: [],
    data: {
      tolerance: 0.25,
      baseline: { kind: 'window', since: '2026-11-17T18:00:00.000Z', until: range.start, runs: 12, minRuns: 3 },
      regressions: 1,
      tooFewRuns: false,
      comparisons: [
        { metric: 'wal_fsync_duration', statistic: 'p99', member: HOSTILE_MEMBER, unit: 'seconds', now: 0.022, baseline: 0.01, baselineRuns: 12, change: 1.2, verdict: 'regression' },
        { metric: 'wal_fsync_duration', statistic: 'p99', member: 'm1', unit: 'seconds', now: 0.009, baseline: 0.0088, baselineRuns: 12, change: 0.02, verdict: 'unchanged' },
        { metric: 'backend_commit_duration', statistic: 'p99', member: 'm3', unit: 'seconds', now: 0.01, baseline: 0.02, baselineRuns: 12, change: -0.5, verdict: 'improvement' },
        { metric: 'process_cpu_percent', statistic: 'avg', member: 'm1', unit: 'percent', now: null, baseline: 2, baselineRuns: 12, change: null, verdict: 'no_data_now' },
      ],
    },
  };
}
