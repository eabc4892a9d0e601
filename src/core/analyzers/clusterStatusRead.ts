// Reads etcd's own view (members, leader, alarms) when a provider exists; a failure becomes a QueryError.
import type { AnalyzerContext } from './types';
import type { EtcdClusterStatus } from '../source/clusterStatusTypes';
import type { QueryError } from '../types';
import { toQueryError } from '../util/errors';

export interface ClusterStatusRead {
  status?: EtcdClusterStatus;
  error?: QueryError;
  /** false when no endpoints are configured (no provider). */
  available: boolean;
}

// One read per run: the report's sections (health, status, bottlenecks) share the same per-run context, and on
// OpenShift a read is a pod list plus four pod execs.
const reads = new WeakMap<AnalyzerContext, Promise<ClusterStatusRead>>();

export function readClusterStatus(ctx: AnalyzerContext): Promise<ClusterStatusRead> {
  let read = reads.get(ctx);
  if (!read) {
    read = readOnce(ctx);
    reads.set(ctx, read);
  }
  return read;
}

async function readOnce(ctx: AnalyzerContext): Promise<ClusterStatusRead> {
  if (!ctx.clusterStatus) return { available: false };
  try {
    return { available: true, status: await ctx.clusterStatus.status(ctx.signal) };
  } catch (err) {
    const e = toQueryError(err, `${ctx.clusterStatus.description} /v3/maintenance/status`);
    return { available: true, error: { ...e, kind: e.kind === 'bad_response' ? 'unavailable' : e.kind } };
  }
}
