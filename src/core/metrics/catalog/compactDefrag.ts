// Compaction (drops old revisions), defragmentation (gives free pages back to the filesystem; blocks the member)
// and raft snapshot saves. The compaction histogram is in milliseconds: converted to seconds.
import type { MetricDef } from '../types';
import { etcdIncrease, etcdQuantile } from '../build';
import { counter, histogram } from '../kinds';

const c = 'compact_defrag' as const;

// Compaction keeps its `etcd_debugging_mvcc_` names in every release (3.4, 3.5 and 3.6 alike: etcd's
// server/storage/mvcc/metrics.go); no `etcd_mvcc_db_compaction_*` series exists, so there is nothing to fall back to.
const COMPACTION = 'etcd_debugging_mvcc_db_compaction_total_duration_milliseconds';
const COMPACTED_KEYS = 'etcd_debugging_mvcc_db_compaction_keys_total';

const SNAP = 'etcd_debugging_snap_save_total_duration_seconds';
const DEFRAG = 'etcd_disk_backend_defrag_duration_seconds';

export const compactDefragMetrics: MetricDef[] = [
  histogram({
    id: 'compaction_duration',
    title: 'Compaction duration',
    category: c,
    scope: 'member',
    unit: 'seconds',
    description: 'Time a compaction takes (mvcc db_compaction_total_duration, ms → s). null when no compaction ran.',
    quantile: (p, q, w) => `${etcdQuantile(p, q, COMPACTION, w)} / 1000`,
  }),
  counter({
    id: 'compactions',
    title: 'Compactions',
    category: c,
    scope: 'member',
    unit: 'count',
    description: 'Compactions run in the window.',
    increase: (p, w) => etcdIncrease(p, `${COMPACTION}_count`, w),
  }),
  counter({
    id: 'compacted_keys',
    title: 'Compacted keys',
    category: c,
    scope: 'member',
    unit: 'count',
    description: 'Keys removed by compaction in the window.',
    increase: (p, w) => etcdIncrease(p, COMPACTED_KEYS, w),
  }),
  histogram({
    id: 'defrag_duration',
    title: 'Defragmentation duration',
    category: c,
    scope: 'member',
    unit: 'seconds',
    description: `Time a defragmentation takes (${DEFRAG}); the member serves no requests meanwhile. null when none ran.`,
    quantile: (p, q, w) => etcdQuantile(p, q, DEFRAG, w),
  }),
  counter({
    id: 'defrags',
    title: 'Defragmentations',
    category: c,
    scope: 'member',
    unit: 'count',
    description: 'Defragmentations run in the window.',
    increase: (p, w) => etcdIncrease(p, `${DEFRAG}_count`, w),
  }),
  histogram({
    id: 'snapshot_save_duration',
    title: 'Snapshot save duration',
    category: c,
    scope: 'member',
    unit: 'seconds',
    description: `Time to save a raft snapshot (${SNAP}); taken every --snapshot-count entries. null when none ran.`,
    quantile: (p, q, w) => etcdQuantile(p, q, SNAP, w),
  }),
  counter({
    id: 'snapshot_saves',
    title: 'Snapshot saves',
    category: c,
    scope: 'member',
    unit: 'count',
    description: 'Raft snapshots saved in the window.',
    increase: (p, w) => etcdIncrease(p, `${SNAP}_count`, w),
  }),
];

