// Causal knowledge as data: for each cause, the findings that ARE it (on which member), the findings that support it,
// the findings that follow from it (and where they appear relative to the cause's member), and what argues against
// it. The engine (incidents.ts) only reads this table; adding a cause is adding a row.
import type { FindingCategory } from '../types';
import { REC } from '../analysis/recommendations';

/**
 * Where a finding sits relative to the cause's subject:
 *  self      on the subject itself (its member, or for a node cause the node)
 *  node      on the node hosting the subject member
 *  hosted    on a member hosted by the subject node (or the subject member itself)
 *  to_self   a pair whose receiving end is the subject: peers fail to send TO it
 *  from_self a pair whose sending end is the subject (a receive failure at a peer, from it)
 *  touching  a pair with the subject at either end
 *  any       anywhere: cluster-wide effects (elections, failed proposals)
 */
export type Where = 'self' | 'node' | 'hosted' | 'to_self' | 'from_self' | 'touching' | 'any';

export interface SignalRef {
  rule: string;
  where: Where;
  /** Evidence strength this finding adds to the cause (scaled by its severity). */
  weight: number;
  /**
   * The cause is only inferred from this effect (peers failing to send to a member). When a direct measurement of the
   * same cause exists, these findings are listed as its consequences instead of as the cause.
   */
  inferred?: boolean;
  /** A measurement that settles the question (up = 0, a NOSPACE alarm): counts fully whatever its severity. */
  definitive?: boolean;
  /** Every finding of this signal is independent evidence (each restarted member), not a quarter after the first. */
  eachCounts?: boolean;
}

export interface Contradiction {
  /** Counts only when the finding is on every other member too (the peers are as slow: the cause is shared). */
  onEveryOtherMember?: boolean;
  /** Skipped when the incident's pair signal covers every link (see everyLinkBonus). */
  unlessEveryLink?: boolean;
  rule: string;
  where: Where;
  /** Score taken away when present. */
  penalty: number;
  /** ...unless the incident holds one of these (e.g. an outlier that singles the member out). */
  unless?: string[];
  /** What the contradiction means, for the reasoning text. */
  why: string;
}

export interface CausalChain {
  id: string;
  category: FindingCategory;
  /** What the subject of this cause is: a member, the node hosting members, or the cluster as a whole. */
  subject: 'member' | 'node' | 'cluster';
  /** Headline noun: "Slow disk", "Member stopped". */
  label: string;
  /** Findings that start this cause (the direct measurement of it). */
  starts: SignalRef[];
  /** Findings that must all be present (with at least this severity) for the cause to stand. */
  requires?: { rule: string; severity?: 'warning' | 'critical' }[];
  /**
   * Extra strength when this pair signal covers every measured link: "every link slow" is the signature of the
   * network itself, while a busy member slows only the links that touch it.
   */
  everyLinkBonus?: { rule: string; metric: string; bonus: number };
  /** Findings that corroborate it once started (not enough on their own). */
  supports: SignalRef[];
  /** Findings it explains, and where they appear. */
  consequences: { rule: string; where: Where }[];
  contradictedBy?: Contradiction[];
  /**
   * A pressure on a shared resource (a busy node) that harms etcd only through its effects: with no effect measured,
   * the incident is at most this severe (a busy node whose etcd stays within target is a warning, not an outage).
   */
  capWithoutEffects?: 'warning' | 'info';
  /** One incident for the cluster when every member shows it (fragmentation after a cluster-wide delete). */
  mergeWhenAll?: boolean;
  /**
   * A tail latency over a handful of events is close to the single slowest one: below `count` events of `metric`
   * (a per-second rate, times the window) on the subject, the cause's score is halved and the reasoning says why.
   */
  minEvents?: { metric: string; count: number };
  recommendation: string;
  /** Why these signals point here (plain text, the subject is substituted for {s}). */
  reasoning: string;
}

/** Effects a member that stops serving (or serves late) has on everyone else. */
const CLUSTER_EFFECTS: { rule: string; where: Where }[] = [
  { rule: 'leader_changes', where: 'any' },
  { rule: 'leader_changes_startup', where: 'any' },
  { rule: 'leader_lost_in_window', where: 'any' },
  { rule: 'no_leader', where: 'any' },
  { rule: 'proposals_failed', where: 'any' },
  { rule: 'proposals_pending', where: 'any' },
  { rule: 'quorum_lost', where: 'any' },
  { rule: 'heartbeat_failures', where: 'any' },
  { rule: 'grpc_failure_ratio_high', where: 'any' },
  { rule: 'member_unhealthy', where: 'any' },
  { rule: 'slow_read_indexes', where: 'any' },
  { rule: 'network_root_cause', where: 'any' },
];

/** A member serving late makes its peers' messages to it fail and its own requests slow. */
const SLOW_MEMBER_EFFECTS: { rule: string; where: Where }[] = [
  { rule: 'peer_sent_failures', where: 'to_self' },
  { rule: 'peer_received_failures', where: 'from_self' },
  { rule: 'peer_rtt_p99_high', where: 'touching' },
  { rule: 'outlier_peer_rtt', where: 'self' },
  { rule: 'grpc_unary_p99_high', where: 'self' },
  { rule: 'outlier_grpc_unary_duration', where: 'self' },
  { rule: 'slow_applies', where: 'self' },
  { rule: 'elections_explained_by_disk', where: 'any' },
  ...CLUSTER_EFFECTS,
];

export const CHAINS: readonly CausalChain[] = [
  {
    id: 'member_unavailable',
    category: 'availability',
    subject: 'member',
    label: 'Member stopped',
    starts: [
      { rule: 'member_down', where: 'self', weight: 100, definitive: true },
      { rule: 'member_was_down', where: 'self', weight: 60 },
      // Inferred: peers cannot deliver to it. Weaker than a direct measurement of the member itself.
      { rule: 'peer_sent_failures', where: 'to_self', weight: 22, inferred: true },
    ],
    // A member cut off (up, but unreachable) is singled out by several independent signals at once: its peers cannot
    // send to it, it cannot send to them, it lost its leader, and its own requests fail or crawl.
    supports: [
      { rule: 'peer_sent_failures', where: 'from_self', weight: 22 },
      { rule: 'peer_received_failures', where: 'from_self', weight: 8 },
      { rule: 'leader_lost_in_window', where: 'self', weight: 15 },
      { rule: 'no_leader', where: 'self', weight: 15 },
      { rule: 'grpc_failure_ratio_high', where: 'self', weight: 10 },
      { rule: 'outlier_grpc_unary_duration', where: 'self', weight: 10 },
      { rule: 'member_unhealthy', where: 'self', weight: 10 },
    ],
    consequences: [...SLOW_MEMBER_EFFECTS],
    recommendation: REC.availability,
    reasoning:
      '{s} stopped serving (or could not be reached): the other members\' raft messages to it fail, and while it was the leader ' +
      'or quorum was short, elections and failed proposals follow. Its peers\' failures are the consequence, not the cause.',
  },
  {
    id: 'quota_full',
    category: 'quota',
    subject: 'member',
    label: 'Database quota full',
    starts: [
      { rule: 'nospace_alarm', where: 'self', weight: 130, definitive: true },
      { rule: 'db_quota_high', where: 'self', weight: 75 },
    ],
    supports: [
      { rule: 'db_size_large', where: 'self', weight: 5 },
      { rule: 'db_fragmented', where: 'self', weight: 5 },
    ],
    consequences: [
      { rule: 'proposals_failed', where: 'any' },
      { rule: 'grpc_failure_ratio_high', where: 'any' },
      { rule: 'peer_sent_failures', where: 'to_self' },
      { rule: 'peer_received_failures', where: 'from_self' },
      { rule: 'member_unhealthy', where: 'self' },
    ],
    recommendation: REC.nospace,
    reasoning:
      '{s}\'s database reached its quota: etcd raises NOSPACE and rejects writes, so proposals and write requests fail ' +
      'until space is reclaimed and the alarm is disarmed.',
  },
  {
    id: 'restart_churn',
    category: 'leader',
    subject: 'cluster',
    label: 'Leader churn from member restarts',
    starts: [{ rule: 'leader_changes', where: 'any', weight: 50 }],
    requires: [{ rule: 'leader_changes', severity: 'critical' }, { rule: 'member_was_down' }],
    // Each member that went down and came back is one more restart behind the churn.
    supports: [{ rule: 'member_was_down', where: 'any', weight: 30, eachCounts: true }],
    consequences: [...SLOW_MEMBER_EFFECTS.filter((c) => c.where === 'any'), { rule: 'peer_sent_failures', where: 'any' }, { rule: 'peer_received_failures', where: 'any' }, { rule: 'member_down', where: 'any' }],
    recommendation: REC.restarts,
    reasoning:
      'Members went down and came back during the window and the leader changed as many times: each restart of the ' +
      'leader costs an election, with failed proposals and slow requests until a new leader is in place.',
  },
  {
    id: 'slow_disk',
    category: 'disk',
    subject: 'member',
    label: 'Slow disk',
    starts: [
      { rule: 'wal_fsync_p99_high', where: 'self', weight: 40 },
      { rule: 'outlier_wal_fsync_duration', where: 'self', weight: 40 },
      { rule: 'backend_commit_p99_high', where: 'self', weight: 25 },
      { rule: 'outlier_backend_commit_duration', where: 'self', weight: 25 },
      { rule: 'disk_root_cause', where: 'self', weight: 30 },
    ],
    supports: [{ rule: 'node_iowait_high', where: 'node', weight: 20 }],
    consequences: [...SLOW_MEMBER_EFFECTS, { rule: 'proposals_pending', where: 'self' }],
    contradictedBy: [
      {
        rule: 'node_cpu_high',
        where: 'node',
        penalty: 45,
        unless: ['outlier_wal_fsync_duration', 'outlier_backend_commit_duration', 'node_iowait_high'],
        why: 'its node\'s CPU was saturated while iowait stayed calm and its peers were as slow',
      },
      {
        rule: 'node_cpu_peak',
        where: 'node',
        penalty: 20,
        unless: ['outlier_wal_fsync_duration', 'outlier_backend_commit_duration', 'node_iowait_high'],
        why: 'its node\'s CPU was saturated for a while and its peers were as slow',
      },
      {
        rule: 'wal_fsync_p99_high',
        where: 'any',
        onEveryOtherMember: true,
        penalty: 25,
        unless: ['outlier_wal_fsync_duration', 'outlier_backend_commit_duration', 'node_iowait_high'],
        why: 'every other member\'s fsync is as slow, so the cause is shared (load, a common disk or host), not this member\'s disk',
      },
    ],
    minEvents: { metric: 'wal_fsync_rate', count: 200 },
    recommendation: REC.disk,
    reasoning:
      'Every write waits for {s}\'s WAL fsync and backend commit; when only {s} is slow on them the cause is its own disk, ' +
      'and its peers\' failed or slow messages to it, slow requests and elections (if it leads) follow.',
  },
  {
    id: 'cpu_saturation',
    category: 'cpu',
    subject: 'node',
    label: 'CPU saturated',
    starts: [
      { rule: 'node_cpu_high', where: 'self', weight: 50 },
      // Saturated for a minute or so inside the window: a real episode, weaker than a saturated average.
      { rule: 'node_cpu_peak', where: 'self', weight: 32 },
      { rule: 'process_cpu_high', where: 'hosted', weight: 35 },
      // The correlation adds one independent fact (the disk was calm), not a second CPU measurement.
      { rule: 'cpu_root_cause', where: 'hosted', weight: 15 },
      { rule: 'outlier_process_cpu_percent', where: 'hosted', weight: 20 },
    ],
    supports: [],
    consequences: [
      { rule: 'wal_fsync_p99_high', where: 'hosted' },
      { rule: 'backend_commit_p99_high', where: 'hosted' },
      { rule: 'outlier_wal_fsync_duration', where: 'hosted' },
      { rule: 'outlier_backend_commit_duration', where: 'hosted' },
      { rule: 'disk_root_cause', where: 'hosted' },
      { rule: 'peer_sent_failures', where: 'any' },
      { rule: 'peer_received_failures', where: 'any' },
      { rule: 'peer_rtt_p99_high', where: 'any' },
      { rule: 'outlier_peer_rtt', where: 'any' },
      { rule: 'grpc_unary_p99_high', where: 'hosted' },
      { rule: 'outlier_grpc_unary_duration', where: 'hosted' },
      { rule: 'slow_applies', where: 'hosted' },
      { rule: 'elections_explained_by_disk', where: 'any' },
      ...CLUSTER_EFFECTS,
    ],
    contradictedBy: [
      { rule: 'node_iowait_high', where: 'self', penalty: 30, why: 'its node also waits for the disk (iowait high)' },
    ],
    capWithoutEffects: 'warning',
    recommendation: REC.cpu,
    reasoning:
      'When {s}\'s CPUs are saturated every latency of the etcd members on it rises together (fsync, commit, requests, ' +
      'heartbeats) while the disk stays calm: heartbeats go out late, peers time out and elect.',
  },
  {
    id: 'slow_network',
    category: 'network',
    subject: 'cluster',
    label: 'Slow network between members',
    starts: [
      { rule: 'peer_rtt_p99_high', where: 'any', weight: 30 },
      { rule: 'network_root_cause', where: 'any', weight: 25 },
      { rule: 'outlier_peer_rtt', where: 'any', weight: 20 },
    ],
    supports: [],
    everyLinkBonus: { rule: 'peer_rtt_p99_high', metric: 'peer_rtt', bonus: 60 },
    consequences: [
      { rule: 'peer_sent_failures', where: 'any' },
      { rule: 'peer_received_failures', where: 'any' },
      { rule: 'wal_fsync_p99_high', where: 'any' },
      { rule: 'backend_commit_p99_high', where: 'any' },
      { rule: 'cpu_root_cause', where: 'any' },
      { rule: 'slow_applies', where: 'any' },
      { rule: 'grpc_unary_p99_high', where: 'any' },
      { rule: 'outlier_grpc_unary_duration', where: 'any' },
      ...CLUSTER_EFFECTS,
    ],
    contradictedBy: [
      { rule: 'node_cpu_peak', where: 'any', penalty: 20, unlessEveryLink: true, why: 'a node\'s CPU was saturated for a while' },
      { rule: 'node_cpu_high', where: 'any', penalty: 35, unlessEveryLink: true, why: 'a node\'s CPU was saturated, which delays answers as much as a slow link' },
    ],
    recommendation: REC.network,
    reasoning:
      'Raft messages take long on the peer links{where}; the other members\' signals (fsync, CPU) are calm, so the links ' +
      'themselves are slow, and late heartbeats and commits follow.',
  },
  {
    id: 'fragmentation',
    category: 'fragmentation',
    subject: 'member',
    label: 'Fragmented database',
    // Measured exactly (two gauges of the member's own file): certain, though not urgent.
    starts: [{ rule: 'db_fragmented', where: 'self', weight: 40, definitive: true }],
    mergeWhenAll: true,
    supports: [],
    consequences: [{ rule: 'db_size_large', where: 'self' }],
    recommendation: REC.fragmentation,
    reasoning: '{s}\'s DB file holds space freed by compaction that only a defragmentation returns.',
  },
  {
    id: 'memory_pressure',
    category: 'memory',
    subject: 'node',
    label: 'Memory pressure',
    starts: [{ rule: 'node_memory_high', where: 'self', weight: 30 }],
    supports: [],
    consequences: [],
    capWithoutEffects: 'warning',
    recommendation: REC.memory,
    reasoning: 'Node {s} is short of memory: etcd maps its whole DB, so pressure turns reads into disk I/O.',
  },
];

/** Rules that describe effects: they never start an incident of their own unless no chain explains them. */
export const SYMPTOM_RULES: ReadonlySet<string> = new Set([
  'leader_changes',
  'leader_changes_startup',
  'leader_lost_in_window',
  'no_leader',
  'quorum_lost',
  'proposals_failed',
  'proposals_pending',
  'heartbeat_failures',
  'grpc_failure_ratio_high',
  'grpc_unary_p99_high',
  'outlier_grpc_unary_duration',
  'slow_applies',
  'slow_read_indexes',
  'peer_received_failures',
  'member_unhealthy',
  'elections_explained_by_disk',
]);
