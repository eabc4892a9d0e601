// gRPC requests served by etcd. grpc_server_handled_total has ~2,000 pre-initialised, mostly-zero series
// (every method × every code): failures are read from it with a code filter and `> 0` on the server, while request
// counts come from grpc_server_started_total (one series per method, ~17× fewer). Every gRPC selector is narrowed to
// the methods in use when the collector knows them (p.grpcMethods): on the test bed 2 of 41 methods.
import type { MetricDef, QueryParams } from '../types';
import { etcdQuantile, etcdRate } from '../build';
import { escapeLabelValue, escapeRegex } from '../../util/promql';
import { histogram, windowed } from '../kinds';

const c = 'grpc' as const;

/** Codes the etcd-mixin counts as failures (etcdHighNumberOfFailedGRPCRequests). */
export const GRPC_FAILURE_CODES = ['Unknown', 'FailedPrecondition', 'ResourceExhausted', 'Internal', 'Unavailable', 'DataLoss', 'DeadlineExceeded'];
const FAILED = `grpc_code=~"${GRPC_FAILURE_CODES.join('|')}"`;

/** `grpc_method=~"Put|Range"` when the methods in use are known, so zero-throughout method series are not read. */
function inUse(p: QueryParams, extra?: string): string | undefined {
  if (!p.grpcMethods?.length) return extra;
  const methods = `grpc_method=~"${escapeLabelValue(p.grpcMethods.map(escapeRegex).join('|'))}"`;
  return extra ? `${extra}, ${methods}` : methods;
}

function failedRate(p: QueryParams, w: string): string {
  return etcdRate(p, 'grpc_server_handled_total', w, inUse(p, FAILED));
}

/** Requests started: equal to requests handled for unary calls, and per method rather than per method × code. */
function allRate(p: QueryParams, w: string): string {
  return etcdRate(p, 'grpc_server_started_total', w, inUse(p));
}

export const grpcMetrics: MetricDef[] = [
  windowed({
    id: 'grpc_request_rate',
    title: 'gRPC requests',
    category: c,
    scope: 'member',
    unit: 'per_second',
    keyLabels: ['grpc_method'],
    description: 'Requests per second, by gRPC method (grpc_server_started_total). Only methods that saw traffic are listed.',
    filter: '> 0',
    over: (p, w) => etcdRate(p, 'grpc_server_started_total', w, inUse(p), ['grpc_method']),
  }),
  windowed({
    id: 'grpc_failed_rate',
    title: 'gRPC failed requests',
    category: c,
    scope: 'member',
    unit: 'per_second',
    keyLabels: ['grpc_code'],
    description: `Failed requests per second, by gRPC code (${GRPC_FAILURE_CODES.join(', ')}). Only codes that occurred are listed; NOSPACE shows as ResourceExhausted.`,
    filter: '> 0',
    over: (p, w) => etcdRate(p, 'grpc_server_handled_total', w, inUse(p, FAILED), ['grpc_code']),
  }),
  windowed({
    id: 'grpc_failure_ratio',
    title: 'gRPC failure ratio',
    category: c,
    scope: 'member',
    unit: 'ratio',
    description: 'Failed requests / requests started (failure codes as in the etcd-mixin). null when there were no requests.',
    avg: 'ratio',
    // `or 0 * all`: a member without failure series still gets a 0 ratio instead of no row.
    over: (p, w) => `(${failedRate(p, w)} or 0 * ${allRate(p, w)}) / ${allRate(p, w)}`,
  }),
  histogram({
    id: 'grpc_unary_duration',
    title: 'gRPC unary latency',
    category: c,
    scope: 'member',
    unit: 'seconds',
    stats: ['p99', 'max'],
    description: 'Latency of unary gRPC requests except Defragment (grpc_server_handling_seconds). Needs etcd --metrics extensive.',
    requires: 'etcd --metrics extensive',
    quantile: (p, q, w) =>
      etcdQuantile(p, q, 'grpc_server_handling_seconds', w, inUse(p, 'grpc_type="unary", grpc_method!="Defragment"')),
  }),
];

