// WAL fsync: every raft entry is fsynced to the write-ahead log before it is acknowledged; the first disk signal.
import { diskLatencyMetrics } from './diskLatency';

export const walFsyncMetrics = diskLatencyMetrics({
  prefix: 'wal_fsync',
  histogram: 'etcd_disk_wal_fsync_duration_seconds',
  category: 'wal_fsync',
  what: 'WAL fsync',
  target: '< 10 ms',
});
