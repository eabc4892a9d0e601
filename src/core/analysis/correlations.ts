// Correlations that make a finding credible: they add a root-cause finding that names the evidence of both sides
// and mark the findings involved as `related` to each other.
import type { Evidence, Finding, MetricSummary } from '../types';
import type { RuleContext } from './ruleTypes';
import { buildFinding, evidenceOf, findingId, maxSeverity, worstSeverity } from './finding';
import { nodeOfMember, statOf, summariesOf, summaryFor } from './metricLookup';
import { REC } from './recommendations';
import { formatValue } from '../util/units';

/** Returns the findings with correlation findings added and `related` links set on both sides. */
export function correlate(findings: readonly Finding[], metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const all: Finding[] = findings.map((f) => (f.related ? { ...f, related: [...f.related] } : { ...f }));
  const byId = new Map(all.map((f) => [f.id, f]));
  const added: Finding[] = [];

  const add = (f: Finding) => {
    if (byId.has(f.id)) return;
    added.push(f);
    byId.set(f.id, f);
    for (const id of f.related ?? []) {
      const other = byId.get(id);
      if (other) other.related = [...new Set([...(other.related ?? []), f.id])];
    }
  };

  for (const f of diskRootCause(byId, metrics, ctx)) add(f);
  for (const f of networkRootCause(all)) add(f);
  for (const f of cpuRootCause(byId, metrics, ctx)) add(f);
  for (const f of electionsExplained(byId, metrics, ctx)) add(f);
  return [...all, ...added];
}

const LATENCY_RULES = ['wal_fsync_p99_high', 'backend_commit_p99_high'];

function latencyFindings(byId: Map<string, Finding>, member: string): Finding[] {
  return LATENCY_RULES.map((r) => byId.get(findingId(r, member))).filter((f): f is Finding => !!f);
}

function members(byId: Map<string, Finding>): string[] {
  return [...new Set([...byId.values()].filter((f) => LATENCY_RULES.includes(f.rule)).map((f) => f.member))].sort();
}

/** fsync/commit high + iowait high on the same node → the disk is the root cause. */
function diskRootCause(byId: Map<string, Finding>, metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const member of members(byId)) {
    const node = nodeOfMember(metrics, member);
    const iowait = node ? byId.get(findingId('node_iowait_high', node)) : undefined;
    if (!node || !iowait) continue;
    const lat = latencyFindings(byId, member);
    out.push(
      buildFinding({
        rule: 'disk_root_cause',
        category: 'disk',
        severity: worstSeverity([...lat.map((f) => f.severity), iowait.severity]),
        member,
        title: `Disk is the bottleneck on ${member}: ${lat.map((f) => f.title.split(' on ')[0]).join(' and ')} with iowait high on its node ${node}`,
        evidence: [...lat.flatMap((f) => f.evidence.slice(0, 1)), ...iowait.evidence.slice(0, 1)],
        rootCause:
          `${member}'s latency and its node's iowait rise together: the disk under etcd is saturated or shared, so fsyncs queue ` +
          'behind other I/O. This is the first cause the etcd FAQ lists.',
        recommendation: REC.disk,
        related: [...lat.map((f) => f.id), iowait.id],
      }),
    );
  }
  return out;
}

/** Peer RTT high + failed proposals or leader changes → the network is the root cause. */
function networkRootCause(all: Finding[]): Finding[] {
  const rtt = all.filter((f) => f.rule === 'peer_rtt_p99_high');
  const consequences = all.filter((f) => f.rule === 'proposals_failed' || f.rule === 'leader_changes' || f.rule === 'heartbeat_failures');
  if (!rtt.length || !consequences.length) return [];
  // The member present in every slow pair, if any, is the one to look at.
  const pairs = rtt.map((f) => f.id.slice(f.rule.length + 1).split('→'));
  const common = pairs[0].filter((m) => pairs.every((p) => p.includes(m)));
  const member = common.length === 1 ? common[0] : 'cluster';
  return [
    buildFinding({
      rule: 'network_root_cause',
      category: 'network',
      severity: worstSeverity([...rtt, ...consequences].map((f) => f.severity)),
      member,
      title:
        `Network between members explains ${consequences.map((f) => f.rule.replace(/_/g, ' ')).join(' and ')}: slow peer links ` +
        rtt.map((f) => f.id.slice(f.rule.length + 1)).join(', '),
      evidence: [...rtt.flatMap((f) => f.evidence.slice(0, 1)), ...consequences.flatMap((f) => f.evidence.slice(0, 1))],
      rootCause:
        `Raft messages between members are slow${member !== 'cluster' ? `, on every link touching ${member}` : ''}, and writes fail to commit ` +
        'or the leader changes as a consequence.',
      recommendation: REC.network,
      related: [...rtt, ...consequences].map((f) => f.id),
    }),
  ];
}

/** Latency high + CPU near its limit + calm disk (iowait measured and below target) → CPU starvation. */
function cpuRootCause(byId: Map<string, Finding>, metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const latencyMembers = new Set([...byId.values()].filter((f) => [...LATENCY_RULES, 'grpc_unary_p99_high'].includes(f.rule)).map((f) => f.member));
  for (const member of [...latencyMembers].sort()) {
    const node = nodeOfMember(metrics, member);
    const cpu = [byId.get(findingId('process_cpu_high', member)), node ? byId.get(findingId('node_cpu_high', node)) : undefined].filter(
      (f): f is Finding => !!f,
    );
    if (!cpu.length || !node) continue;
    const iowaitRow = summaryFor(metrics, 'node_iowait_percent', node);
    const iowait = statOf(iowaitRow, 'avg');
    if (iowait === null || iowait >= ctx.thresholds.iowaitPercent.warning) continue;
    const lat = [...byId.values()].filter((f) => f.member === member && [...LATENCY_RULES, 'grpc_unary_p99_high'].includes(f.rule));
    out.push(
      buildFinding({
        rule: 'cpu_root_cause',
        category: 'cpu',
        severity: worstSeverity([...lat, ...cpu].map((f) => f.severity)),
        member,
        title: `CPU starvation on ${member}: latency high while CPU is near its limit and the disk is calm (iowait ${formatValue(iowait, 'percent')})`,
        evidence: [...lat.flatMap((f) => f.evidence.slice(0, 1)), ...cpu.flatMap((f) => f.evidence.slice(0, 1)), evidenceOf(iowaitRow!, 'avg', ctx, ctx.thresholds.iowaitPercent.warning, 'disk calm: iowait below target')],
        rootCause:
          `${member} is slow without waiting for its disk: etcd does not get enough CPU (busy node, container CPU limit/throttling, ` +
          'or expensive requests).',
        recommendation: REC.cpu,
        related: [...lat, ...cpu].map((f) => f.id),
      }),
    );
  }
  return out;
}

/** Leader changes + fsync/commit spikes in the same window → the disk explains the elections. */
function electionsExplained(byId: Map<string, Finding>, metrics: readonly MetricSummary[], ctx: RuleContext): Finding[] {
  const leader = byId.get('leader_changes:cluster');
  if (!leader) return [];
  // Members that stopped or restarted explain elections by themselves: no disk claim then.
  if ([...byId.values()].some((f) => f.rule === 'member_down' || f.rule === 'member_was_down')) return [];
  const spike = ctx.thresholds.electionSpikeSeconds;
  const spikes: Evidence[] = [];
  const spiking = new Set<string>();
  for (const id of ['wal_fsync_duration', 'backend_commit_duration']) {
    for (const row of summariesOf(metrics, id)) {
      const peak = statOf(row, 'max') ?? statOf(row, 'p99');
      if (peak === null || peak < spike) continue;
      spikes.push(evidenceOf(row, statOf(row, 'max') !== null ? 'max' : 'p99', ctx, spike, 'worst rolling p99 in the window, near the 100 ms heartbeat interval'));
      spiking.add(row.member);
    }
  }
  if (!spikes.length) return [];
  const names = [...spiking].sort();
  const related = [leader.id, ...names.flatMap((m) => latencyFindings(byId, m).map((f) => f.id))];
  return [
    buildFinding({
      rule: 'elections_explained_by_disk',
      category: 'leader',
      severity: leader.severity,
      member: names.length === 1 ? names[0] : 'cluster',
      title: `Leader changes coincide with disk latency spikes on ${names.join(', ')}`,
      evidence: [...leader.evidence.slice(0, 1), ...spikes],
      rootCause:
        'A leader whose fsync stalls past the heartbeat interval stops sending heartbeats; followers time out and elect a new ' +
        `leader. The fsync/commit spikes on ${names.join(', ')} in the same window explain the elections.`,
      recommendation:
        `Fix the disk of ${names.join(', ')} first. ${REC.disk} Raising --heartbeat-interval/--election-timeout (keeping ` +
        'election ≥ 10× heartbeat) is only a stopgap while the disk is replaced: it hides the latency and slows failure detection.',
      related,
    }),
  ];
}

