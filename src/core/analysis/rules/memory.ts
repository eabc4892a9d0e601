// Memory: memory use of the nodes hosting etcd.
import type { Rule } from '../ruleTypes';
import { checkThreshold } from '../finding';
import { hostingPhrase } from '../metricLookup';
import { REC } from '../recommendations';

export const memoryRule: Rule = (metrics, ctx) =>
  checkThreshold(metrics, ctx, {
    rule: 'node_memory_high',
    category: 'memory',
    metric: 'node_memory_percent',
    stat: 'avg',
    key: 'memoryPercent',
    label: 'Node memory use',
    alsoShow: ['max'],
    where: (m) => `node ${m.member}`,
    rootCause: (m) =>
      `Node ${m.member}${hostingPhrase(metrics, m.member)} is short of memory: etcd maps its whole DB into memory, ` +
      'so page cache pressure turns reads into disk I/O, and the kernel may OOM-kill etcd.',
    recommendation: REC.memory,
  });
