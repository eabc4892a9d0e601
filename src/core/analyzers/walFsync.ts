// get_etcd_disk_wal_fsync: WAL fsync latency per member vs the 10 ms target.
import { latencyAnalyzer } from './latencyAnalyzer';

export const walFsyncAnalyzer = latencyAnalyzer({
  name: 'get_etcd_disk_wal_fsync',
  title: 'etcd WAL fsync latency',
  topic: 'WAL fsync p50/p90/p99',
  keywords: { pattern: /\b(fsync|wal)\b/i, precedence: 10 },
  slash: { command: 'wal', description: 'WAL fsync latency p50/p90/p99 per member', followups: ['commit', 'disk'] },
  explains: ['disk', 'leader'],
  description:
    'WAL fsync latency of each etcd member (etcd_disk_wal_fsync_duration_seconds): p50/p90/p99 over the window, the worst ' +
    'rolling p99, fsync rate and average, graded against the healthy target p99 < 10 ms (the standard alert pages at 1 s). ' +
    'Returns per-member numbers, findings for members above target or far from the others, and a p99 time series. ' +
    'Use it for "is the disk fast enough for etcd" or slow writes. For node-level disk throughput/iowait use ' +
    'get_node_disk_io; for a full diagnosis use get_etcd_bottleneck_analysis.',
  category: 'wal_fsync',
  metric: 'wal_fsync_duration',
  label: 'WAL fsync',
  key: 'walFsyncP99Seconds',
  rule: 'wal_fsync_p99_high',
});
