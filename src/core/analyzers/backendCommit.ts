// get_etcd_disk_backend_commit: bbolt backend commit latency per member vs the 25 ms target.
import { latencyAnalyzer } from './latencyAnalyzer';

export const backendCommitAnalyzer = latencyAnalyzer({
  name: 'get_etcd_disk_backend_commit',
  title: 'etcd backend commit latency',
  topic: 'backend commit p50/p90/p99',
  keywords: { pattern: /\b(commit|backend)\b/i, precedence: 20 },
  slash: { command: 'commit', description: 'Backend commit latency p50/p90/p99 per member', followups: ['wal', 'disk'] },
  explains: ['disk', 'proposals'],
  description:
    'Backend (bbolt) commit latency of each etcd member (etcd_disk_backend_commit_duration_seconds): p50/p90/p99 over the ' +
    'window, the worst rolling p99, commit rate and average, graded against the healthy target p99 < 25 ms (the standard ' +
    'alert pages at 250 ms). Returns per-member numbers, findings, and a p99 time series. Use it with get_etcd_disk_wal_fsync ' +
    'when writes are slow; not for network or CPU questions.',
  category: 'backend_commit',
  metric: 'backend_commit_duration',
  label: 'Backend commit',
  key: 'backendCommitP99Seconds',
  rule: 'backend_commit_p99_high',
});
