// Backend commit: bbolt commits applied entries to the DB file in batches; slow commits stall applies.
import { diskLatencyMetrics } from './diskLatency';

export const backendCommitMetrics = diskLatencyMetrics({
  prefix: 'backend_commit',
  histogram: 'etcd_disk_backend_commit_duration_seconds',
  category: 'backend_commit',
  what: 'Backend commit',
  target: '< 25 ms',
});
