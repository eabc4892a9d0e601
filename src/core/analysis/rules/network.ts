// Network: peer round-trip time per member pair and peer send/receive failures.
import type { MetricSummary } from '../../types';
import type { Rule } from '../ruleTypes';
import { checkThreshold } from '../finding';
import { pairOf } from '../metricLookup';
import { REC } from '../recommendations';

/** "m1→m2": where a pair finding happens. */
const pairName = (m: MetricSummary): string => `${pairOf(m).from}→${pairOf(m).to}`;

export const networkRule: Rule = (metrics, ctx) => [
  ...checkThreshold(metrics, ctx, {
    rule: 'peer_rtt_p99_high',
    category: 'network',
    metric: 'peer_rtt',
    stat: 'p99',
    key: 'peerRttP99Seconds',
    label: 'Peer round-trip p99',
    alert: 'etcdMemberCommunicationSlow',
    alsoShow: ['p50', 'max'],
    member: (m) => pairOf(m).from,
    where: pairName,
    rootCause: (m) => {
      const { from, to } = pairOf(m);
      return (
        `Messages from ${from} to ${to} take long to come back: network latency or loss between them, a saturated NIC, ` +
        `or ${to} too busy (CPU/disk) to answer. Slow peers delay commits and can trigger elections.`
      );
    },
    recommendation: REC.network,
  }),
  ...checkThreshold(metrics, ctx, {
    rule: 'peer_sent_failures',
    category: 'network',
    metric: 'peer_sent_failures_rate',
    stat: 'avg',
    key: 'peerSentFailuresPerSecond',
    label: 'Peer send failures',
    alert: 'etcdMembersDown',
    alsoShow: ['max'],
    member: (m) => pairOf(m).from,
    where: pairName,
    rootCause: (m) => `${pairOf(m).from} could not send raft messages to ${pairOf(m).to}: the peer was down, restarting or unreachable.`,
    recommendation: REC.peerFailures,
  }),
  ...checkThreshold(metrics, ctx, {
    rule: 'peer_received_failures',
    category: 'network',
    metric: 'peer_received_failures_rate',
    stat: 'avg',
    key: 'peerSentFailuresPerSecond',
    label: 'Peer receive failures',
    alsoShow: ['max'],
    member: (m) => pairOf(m).to,
    where: pairName,
    rootCause: (m) => `${pairOf(m).to} failed to receive raft messages from ${pairOf(m).from}: broken connections, a restarting peer or packet loss.`,
    recommendation: REC.peerFailures,
  }),
];
