// Compaction (drops old revisions), defragmentation (gives free pages back to the filesystem; blocks the member)
// and raft snapshot saves. The compaction histogram was renamed in 3.5, and is in milliseconds: converted to seconds.
import type { MetricDef, QueryParams } from '../types';
import { byGeneration, etcdIncrease, etcdQuantile, etcdRate, orFallback } from '../build';
import { counter, histogram } from '../kinds';

const c = 'compact_defrag' as const;

/** 3.4 `etcd_debugging_mvcc_…` vs 3.5+ `etcd_mvcc_…`: the generation's own name first, the other as fallback. */
function compactionNames(p: QueryParams): [string, string] {
  return byGeneration(p, {
    v34: 'etcd_debugging_mvcc_db_compaction_total_duration_milliseconds',
    v35: 'etcd_mvcc_db_compaction_total_duration_milliseconds',
  });
}

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
    quantile: (p, q, w) => {
      const buckets = compactionNames(p).map((n) => etcdRate(p, `${n}_bucket`, w, undefined, ['le']));
      return `histogram_quantile(${q}, ${orFallback(...buckets)}) / 1000`;
    },
  }),
  counter({
    id: 'compactions',
    title: 'Compactions',
    category: c,
    scope: 'member',
    unit: 'count',
    description: 'Compactions run in the window.',
    increase: (p, w) => orFallback(...compactionNames(p).map((n) => etcdIncrease(p, `${n}_count`, w))),
  }),
  counter({
    id: 'compacted_keys',
    title: 'Compacted keys',
    category: c,
    scope: 'member',
    unit: 'count',
    description: 'Keys removed by compaction in the window.',
    increase: (p, w) =>
      orFallback(
        ...byGeneration(p, { v34: 'etcd_debugging_mvcc_db_compaction_keys_total', v35: 'etcd_mvcc_db_compaction_keys_total' }).map((n) =>
          etcdIncrease(p, n, w),
        ),
      ),
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

