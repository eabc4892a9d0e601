// Proposals: failed and pending proposals, slow applies and slow read indexes.
import type { Rule } from '../ruleTypes';
import { checkThreshold } from '../finding';
import { REC } from '../recommendations';

export const proposalsRule: Rule = (metrics, ctx) => [
  ...checkThreshold(metrics, ctx, {
    rule: 'proposals_failed',
    category: 'proposals',
    metric: 'proposals_failed_rate',
    stat: 'avg',
    key: 'proposalsFailedPerSecond',
    label: 'Failed proposals',
    alert: 'etcdHighNumberOfFailedProposals',
    alsoShow: ['max'],
    rootCause: (m) =>
      `Writes proposed through ${m.member} failed to commit: typically during leader elections or while quorum was lost.`,
    recommendation: REC.proposals,
  }),
  ...checkThreshold(metrics, ctx, {
    rule: 'proposals_pending',
    category: 'proposals',
    metric: 'proposals_pending',
    stat: 'avg',
    key: 'pendingProposals',
    label: 'Pending proposals (average)',
    alsoShow: ['max'],
    rootCause: (m) => `Proposals queue up on ${m.member}: the leader cannot commit as fast as clients write (slow disk or network, or overload).`,
    recommendation: REC.proposals,
  }),
  ...checkThreshold(metrics, ctx, {
    rule: 'slow_applies',
    category: 'proposals',
    metric: 'slow_applies_rate',
    stat: 'avg',
    key: 'slowAppliesPerSecond',
    label: 'Slow applies',
    alsoShow: ['max'],
    rootCause: (m) => `${m.member} took longer than 100 ms to apply some requests ("apply request took too long").`,
    recommendation: REC.slowApplies,
  }),
  ...checkThreshold(metrics, ctx, {
    rule: 'slow_read_indexes',
    category: 'proposals',
    metric: 'slow_read_indexes_rate',
    stat: 'avg',
    key: 'slowAppliesPerSecond',
    label: 'Slow read indexes',
    alsoShow: ['max'],
    rootCause: (m) => `Linearizable reads on ${m.member} waited long for the leader to confirm its read index: a busy leader or slow peer network.`,
    recommendation: REC.proposals,
  }),
];
