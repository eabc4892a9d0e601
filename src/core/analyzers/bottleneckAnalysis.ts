// get_etcd_bottleneck_analysis: every rule, outlier and correlation over all metrics, plus etcd's alarms when the
// etcd API is configured; findings ranked by severity with root cause and recommendation.
import { commonInput } from './input';
import type { Analyzer } from './types';
import { buildResult, collect, evaluate, healthData, rangeOf } from './analyzerKit';
import { readClusterStatus } from './clusterStatusRead';
import { errorsPhrase, findingsPhrase } from './summaryText';
import { metricIds } from '../metrics/catalog';
import { diagnose } from '../diagnosis/diagnose';
import { withDiagnosis } from '../diagnosis/attach';
import { datedDiagnosis } from './diagnosisEpisodes';
import { namePeers } from '../collect/peerNames';

const ROOT_CAUSE_RULES = new Set(['disk_root_cause', 'network_root_cause', 'cpu_root_cause', 'elections_explained_by_disk', 'quorum_lost', 'nospace_alarm']);

export const bottleneckAnalysisAnalyzer: Analyzer<typeof commonInput> = {
  name: 'get_etcd_bottleneck_analysis',
  title: 'etcd bottleneck analysis',
  description:
    'Finds what limits etcd: evaluates every rule (disk, network, CPU, memory, leader, quota, fragmentation, availability, ' +
    'gRPC, proposals) per member against healthy targets and standard alert levels, names outlier members, correlates ' +
    'signals into root causes (slow disk with iowait, slow network with failed proposals/elections, CPU starvation with a ' +
    'calm disk, fsync spikes explaining elections), and includes etcd alarms such as NOSPACE when the etcd API is ' +
    'configured. Returns findings sorted by severity, each with evidence (values, thresholds, window), root cause and a ' +
    'concrete recommendation. Use it for "why is etcd slow", "is anything wrong", or a stopped member.',
  inputSchema: commonInput,
  topic: 'all bottleneck rules (disk, network, CPU, leader, quota)',
  keywords: { pattern: /\b(slow|bottlenecks?|why|problem|issue|wrong|latency|performance)\b/i, precedence: 140 },
  slash: { command: 'bottlenecks', description: 'Findings: severity, member, evidence, root cause, recommendation', followups: ['deep', 'report'] },
  roles: ['diagnosis'],
  async run(ctx, input) {
    const range = rangeOf(ctx, input);
    const [collected, st] = await Promise.all([collect(ctx, range, input, { metrics: metricIds }), readClusterStatus(ctx)]);
    // A peer gone from Prometheus for the whole window is still in etcd's member list: name its pairs from there.
    const c = { ...collected, metrics: namePeers(collected.metrics, st.status) };
    const errors = st.error ? [...c.errors, st.error] : c.errors;
    const findings = evaluate(ctx, range, input, c.metrics, { clusterStatus: st.status });
    const roots = findings.filter((f) => ROOT_CAUSE_RULES.has(f.rule));
    const h = healthData(findings);
    const diagnosis = await datedDiagnosis(ctx, range, input, diagnose({ findings, metrics: c.metrics, errors, window: range.duration }));
    const judged = diagnosis.verdict !== 'unknown';
    const summary =
      (c.metrics.length || findings.length
        ? `Cluster ${judged ? h.health : 'not judged'} over ${range.duration}: ${findingsPhrase(findings, 5)}.` +
          (roots.length ? ` Root causes: ${roots.map((f) => f.title).join('; ')}.` : findings.length || !judged ? '' : ' Every signal is within its healthy target.') +
          (st.available ? '' : ' (etcd API not configured: alarms such as NOSPACE are not checked.)')
        : `No etcd data over ${range.duration}.`) + errorsPhrase(errors);
    const result = buildResult(bottleneckAnalysisAnalyzer, range, {
      summary,
      metrics: c.metrics,
      findings,
      errors,
      queries: c.queries,
      data: { ...h, verdict: diagnosis.verdict, rootCauses: roots.map((f) => f.id), alarms: st.status?.alarms ?? null, etcdApi: st.available ? (st.status ? 'ok' : 'failed') : 'not configured' },
    });
    return withDiagnosis(result, diagnosis);
  },
};
