// Every category's rule, in the order causes are usually investigated (etcd FAQ: disk, CPU, network, requests).
import type { FindingCategory } from '../../types';
import type { Rule } from '../ruleTypes';
import { availabilityRule } from './availability';
import { cpuRule } from './cpu';
import { diskRule } from './disk';
import { fragmentationRule } from './fragmentation';
import { grpcRule } from './grpc';
import { leaderRule } from './leader';
import { memoryRule } from './memory';
import { networkRule } from './network';
import { proposalsRule } from './proposals';
import { quotaRule } from './quota';

export const RULES: Record<FindingCategory, Rule> = {
  availability: availabilityRule,
  disk: diskRule,
  cpu: cpuRule,
  memory: memoryRule,
  network: networkRule,
  leader: leaderRule,
  proposals: proposalsRule,
  grpc: grpcRule,
  quota: quotaRule,
  fragmentation: fragmentationRule,
};
