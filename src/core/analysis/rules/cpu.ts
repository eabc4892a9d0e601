// CPU: etcd process CPU (percent of one core) and the node's CPU use. The node is graded on its window average and,
// separately, on its worst rolling (1-minute) value: a saturation of 60–90 s inside a 5-minute window averages out
// below any target, yet it is exactly what delays heartbeats and costs elections.
import type { Rule } from '../ruleTypes';
import { checkThreshold } from '../finding';
import { hostingPhrase, statOf } from '../metricLookup';
import { REC } from '../recommendations';

export const cpuRule: Rule = (metrics, ctx) => [
  ...checkThreshold(metrics, ctx, {
    rule: 'process_cpu_high',
    category: 'cpu',
    metric: 'process_cpu_percent',
    stat: 'avg',
    key: 'cpuPercent',
    label: 'etcd process CPU (of one core)',
    alsoShow: ['max'],
    rootCause: (m) =>
      `The etcd process of ${m.member} is busy: heavy request load (large ranges, many watchers), frequent compaction/defrag, ` +
      'or CPU throttling by a container limit. A starved etcd answers heartbeats late.',
    recommendation: REC.cpu,
  }),
  ...checkThreshold(metrics, ctx, {
    rule: 'node_cpu_high',
    category: 'cpu',
    metric: 'node_cpu_percent',
    stat: 'avg',
    key: 'cpuPercent',
    label: 'Node CPU use',
    alsoShow: ['max'],
    where: (m) => `node ${m.member}`,
    rootCause: (m) => `Node ${m.member}${hostingPhrase(metrics, m.member)} has little CPU headroom: etcd competes with other workloads for CPU.`,
    recommendation: REC.cpu,
  }),
  // A node whose average already crossed has its finding above; otherwise the peak speaks (a shorter episode).
  ...checkThreshold(metrics.filter((m) => !(m.metric === 'node_cpu_percent' && (statOf(m, 'avg') ?? 0) >= ctx.thresholds.cpuPercent.warning)), ctx, {
    rule: 'node_cpu_peak',
    category: 'cpu',
    metric: 'node_cpu_percent',
    stat: 'max',
    key: 'cpuPercent',
    label: 'Node CPU peak (worst rolling window)',
    alsoShow: ['avg'],
    level: { warning: ctx.thresholds.cpuPercent.critical, critical: Number.POSITIVE_INFINITY },
    where: (m) => `node ${m.member}`,
    rootCause: (m) =>
      `Node ${m.member}${hostingPhrase(metrics, m.member)} was saturated for a while inside the window (its average hides it): ` +
      'etcd waited for CPU, so heartbeats and commits went out late.',
    recommendation: REC.cpu,
  }),
];
