// What every rule receives and returns. Rules are pure: metric summaries in, findings out.
import type { Finding, MetricSummary } from '../types';
import type { Thresholds } from './thresholds';
import type { EtcdClusterStatus } from '../source/clusterStatusTypes';

export interface RuleContext {
  thresholds: Thresholds;
  /** The analysed window as the user wrote it (`1h`); goes into evidence. */
  window?: string;
  /** ISO end of the window; evidence time. */
  at?: string;
  /** etcd's own view, when a provider exists: members, health, alarms (NOSPACE). */
  clusterStatus?: EtcdClusterStatus;
  /** Members known from elsewhere (cluster status, inventory); a member here without `up` data is reported. */
  knownMembers?: string[];
}

export type Rule = (metrics: readonly MetricSummary[], ctx: RuleContext) => Finding[];
