// gRPC: failure ratio (failure codes only, etcd-mixin list) and unary latency (excluding Defragment).
import type { Finding, MetricSummary } from '../../types';
import type { Rule } from '../ruleTypes';
import { checkThreshold } from '../finding';
import { statOf, summariesOf } from '../metricLookup';
import { REC } from '../recommendations';
import { formatValue } from '../../util/units';

export const grpcRule: Rule = (metrics, ctx) => {
  const failures = checkThreshold(metrics, ctx, {
    rule: 'grpc_failure_ratio_high',
    category: 'grpc',
    metric: 'grpc_failure_ratio',
    stat: 'avg',
    key: 'grpcFailureRatio',
    label: 'gRPC failure ratio',
    alert: 'etcdHighNumberOfFailedGRPCRequests',
    alsoShow: ['max'],
    rootCause: (m) => `Requests to ${m.member} fail${codesOf(metrics, m.member)}.`,
    recommendation: REC.grpcFailures,
  });
  const slow: Finding[] = checkThreshold(metrics, ctx, {
    rule: 'grpc_unary_p99_high',
    category: 'grpc',
    metric: 'grpc_unary_duration',
    stat: 'p99',
    key: 'grpcUnaryP99Seconds',
    label: 'gRPC unary p99',
    alert: 'etcdGRPCRequestsSlow',
    alsoShow: ['max'],
    rootCause: (m) =>
      `Unary requests to ${m.member} are slow: expensive requests (large ranges, big transactions, many keys) or a slow backend disk.`,
    recommendation: REC.grpcSlow,
  });
  return [...failures, ...slow];
};

/** ", mostly Unavailable 0.2/s, DeadlineExceeded 0.01/s" from the per-code failure rates of a member. */
function codesOf(metrics: readonly MetricSummary[], member: string): string {
  const rows = summariesOf(metrics, 'grpc_failed_rate')
    .filter((m) => m.member === member && (statOf(m, 'avg') ?? 0) > 0)
    .sort((a, b) => (statOf(b, 'avg') ?? 0) - (statOf(a, 'avg') ?? 0))
    .slice(0, 3);
  if (!rows.length) return '';
  return `, mostly ${rows.map((r) => `${r.labels?.grpc_code ?? '?'}${r.labels?.grpc_method ? ` on ${r.labels.grpc_method}` : ''} ${formatValue(statOf(r, 'avg'), r.unit)}`).join(', ')}`;
}
