// Default thresholds from etcd docs, etcd-mixin alerts and OpenShift guidance (see docs/thresholds in README).
// "warning" grades against the healthy target; "critical" is the level at which the standard alerts page.
// Every value is overridable (extension settings `etcdAnalyzer.thresholds.*`, CLI `--thresholds FILE`).

export interface Level {
  warning: number;
  critical: number;
}

export interface Thresholds {
  walFsyncP99Seconds: Level; // target < 10 ms; etcdHighFsyncDurations pages at 1 s
  backendCommitP99Seconds: Level; // target < 25 ms; etcdHighCommitDurations at 250 ms
  peerRttP99Seconds: Level; // target < 50 ms; etcdMemberCommunicationSlow at 150 ms
  cpuPercent: Level; // 70 / 85
  memoryPercent: Level; // 70 / 85
  iowaitPercent: Level; // 10 / 20
  leaderChanges: Level; // count in window: ≥1 warning, ≥4 critical
  proposalsFailedPerSecond: Level; // >0 warning, >5/s critical
  pendingProposals: Level;
  grpcFailureRatio: Level; // 1 % / 5 %
  grpcUnaryP99Seconds: Level; // critical 150 ms
  dbQuotaPercent: Level; // 80 / 95
  fragmentationRatio: Level; // 0.3 warning; critical when in_use/total < 0.5 and in_use > 100 MiB
  /** Critical fragmentation also needs this much in use (etcd-mixin: 100 MiB), so tiny DBs never page. */
  fragmentationMinInUseBytes: number;
  /**
   * Fragmentation is reported only when a defragmentation would give back at least this much (16 MiB). Below it the
   * free pages are less than 1 % of the default 2 GiB quota: not worth blocking a member while bbolt rewrites its file.
   * Looser than etcd-mixin's alert (which ignores DBs under 100 MiB in use): a warning names space worth reclaiming
   * before it becomes an alert, while a freshly started DB (under 1 MiB, a third of it "free") says nothing.
   */
  fragmentationMinReclaimableBytes: number;
  dbSizeBytes: Level; // 2 GiB default quota / 8 GiB etcd warns
  peerSentFailuresPerSecond: Level; // >0 / >0.01
  slowAppliesPerSecond: Level;
  heartbeatFailuresPerSecond: Level;
  /**
   * A fsync/commit spike explains elections only when it approaches the heartbeat interval (etcd default 100 ms):
   * smaller stalls do not delay heartbeats enough to trigger an election.
   */
  electionSpikeSeconds: number;
  /** A member is an outlier when its value is this many times the median of the others (and above the warning level's half). */
  outlierFactor: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  walFsyncP99Seconds: { warning: 0.01, critical: 1 },
  backendCommitP99Seconds: { warning: 0.025, critical: 0.25 },
  peerRttP99Seconds: { warning: 0.05, critical: 0.15 },
  cpuPercent: { warning: 70, critical: 85 },
  memoryPercent: { warning: 70, critical: 85 },
  iowaitPercent: { warning: 10, critical: 20 },
  leaderChanges: { warning: 1, critical: 4 },
  proposalsFailedPerSecond: { warning: 0.000001, critical: 5 },
  pendingProposals: { warning: 5, critical: 100 },
  grpcFailureRatio: { warning: 0.01, critical: 0.05 },
  grpcUnaryP99Seconds: { warning: 0.05, critical: 0.15 },
  dbQuotaPercent: { warning: 80, critical: 95 },
  fragmentationRatio: { warning: 0.3, critical: 0.5 },
  fragmentationMinInUseBytes: 100 * 1024 ** 2,
  fragmentationMinReclaimableBytes: 16 * 1024 ** 2,
  dbSizeBytes: { warning: 2 * 1024 ** 3, critical: 8 * 1024 ** 3 },
  peerSentFailuresPerSecond: { warning: 0.000001, critical: 0.01 },
  slowAppliesPerSecond: { warning: 0.000001, critical: 1 },
  heartbeatFailuresPerSecond: { warning: 0.000001, critical: 1 },
  electionSpikeSeconds: 0.1,
  outlierFactor: 3,
};

/** Deep-merge user overrides (partial, possibly from untrusted JSON) over the defaults; non-finite numbers are ignored. */
export function resolveThresholds(overrides?: unknown): Thresholds {
  const out: Thresholds = structuredClone(DEFAULT_THRESHOLDS);
  if (!overrides || typeof overrides !== 'object') return out;
  const o = overrides as Record<string, unknown>;
  for (const key of Object.keys(out) as (keyof Thresholds)[]) {
    const v = o[key];
    if (key === 'outlierFactor') {
      if (typeof v === 'number' && Number.isFinite(v) && v > 1) out.outlierFactor = v;
      continue;
    }
    if (key === 'fragmentationMinInUseBytes' || key === 'fragmentationMinReclaimableBytes' || key === 'electionSpikeSeconds') {
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = v;
      continue;
    }
    if (v && typeof v === 'object') {
      const lv = v as Record<string, unknown>;
      const level = out[key] as Level;
      if (typeof lv.warning === 'number' && Number.isFinite(lv.warning)) level.warning = lv.warning;
      if (typeof lv.critical === 'number' && Number.isFinite(lv.critical)) level.critical = lv.critical;
    }
  }
  return out;
}

export type LevelKey = { [K in keyof Thresholds]: Thresholds[K] extends Level ? K : never }[keyof Thresholds];

/**
 * Where the standard alert compares with `>=` rather than `>` (the reference table writes "≥ 85 %", "≥ 4 in 15 m").
 * Warnings always use `>=` against the healthy target ("≥ 10 ms"; rate thresholds of 1e-6 mean "> 0").
 */
export const CRITICAL_INCLUSIVE: ReadonlySet<LevelKey> = new Set<LevelKey>([
  'cpuPercent',
  'memoryPercent',
  'iowaitPercent',
  'leaderChanges',
  'pendingProposals',
]);
