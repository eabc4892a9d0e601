// Disk: WAL fsync and backend commit latency per member, iowait on the member's node.
import type { Finding, MetricSummary } from '../../types';
import type { Rule } from '../ruleTypes';
import { checkThreshold } from '../finding';
import { membersOnNode } from '../metricLookup';
import { REC } from '../recommendations';

export const diskRule: Rule = (metrics, ctx) => {
  const out: Finding[] = [];
  out.push(
    ...checkThreshold(metrics, ctx, {
      rule: 'wal_fsync_p99_high',
      category: 'disk',
      metric: 'wal_fsync_duration',
      stat: 'p99',
      key: 'walFsyncP99Seconds',
      label: 'WAL fsync p99',
      alert: 'etcdHighFsyncDurations',
      alsoShow: ['p50', 'max'],
      rootCause: (m) =>
        `Writes to ${m.member}'s write-ahead log wait for the disk: every proposal is fsynced before it commits, so a slow fsync slows ` +
        'every write and, past the heartbeat interval, can cost leadership. Usual causes: a shared or network disk, other I/O on the node, a throttled cloud volume.',
      recommendation: REC.disk,
    }),
    ...checkThreshold(metrics, ctx, {
      rule: 'backend_commit_p99_high',
      category: 'disk',
      metric: 'backend_commit_duration',
      stat: 'p99',
      key: 'backendCommitP99Seconds',
      label: 'Backend commit p99',
      alert: 'etcdHighCommitDurations',
      alsoShow: ['p50', 'max'],
      rootCause: (m) =>
        `${m.member}'s bbolt backend commits slowly: the disk is slow or contended, or commits are large (big transactions, a large, fragmented DB).`,
      recommendation: REC.disk,
    }),
    ...checkThreshold(metrics, ctx, {
      rule: 'node_iowait_high',
      category: 'disk',
      metric: 'node_iowait_percent',
      stat: 'avg',
      key: 'iowaitPercent',
      label: 'CPU iowait',
      alsoShow: ['max'],
      where: (m) => nodeLabel(metrics, m),
      rootCause: (m) =>
        `CPUs on node ${m.member} spend this share of time waiting for disk I/O: the disk is saturated, which delays etcd's fsyncs${hosted(metrics, m)}.`,
      recommendation: REC.iowait,
    }),
  );
  return out;
};

function nodeLabel(metrics: readonly MetricSummary[], m: MetricSummary): string {
  const members = membersOnNode(metrics, m.member);
  return members.length ? `node ${m.member} (hosts ${members.join(', ')})` : `node ${m.member}`;
}

function hosted(metrics: readonly MetricSummary[], m: MetricSummary): string {
  const members = membersOnNode(metrics, m.member);
  return members.length ? ` on ${members.join(', ')}` : '';
}
