// Leader: no leader (now or during the window), leader changes, heartbeat send failures.
import type { Finding, MetricSummary, Severity } from '../../types';
import { parseDuration } from '../../util/duration';
import type { Rule } from '../ruleTypes';
import { buildFinding, checkThreshold, evidenceOf, grade, alertPhrase } from '../finding';
import { statOf, summariesOf } from '../metricLookup';
import { REC } from '../recommendations';
import { formatValue } from '../../util/units';

export const leaderRule: Rule = (metrics, ctx) => {
  const out: Finding[] = [];

  for (const m of summariesOf(metrics, 'has_leader')) {
    const latest = statOf(m, 'latest');
    const min = statOf(m, 'min');
    if (latest !== null && latest < 0.5) {
      out.push(
        buildFinding({
          rule: 'no_leader',
          category: 'leader',
          severity: 'critical',
          member: m.member,
          title: `${m.member} has no leader now (etcdNoLeader)`,
          evidence: [evidenceOf(m, 'latest', ctx, 1, 'etcd_server_has_leader: 1 = has a leader')],
          rootCause: `${m.member} sees no raft leader: quorum is lost or it is cut off from the other members.`,
          recommendation: REC.noLeader,
        }),
      );
    } else if (min !== null && min < 0.5) {
      const avg = statOf(m, 'avg');
      const share = avg !== null ? ` for about ${Math.round((1 - avg) * 100)} % of the window` : ' during the window';
      out.push(
        buildFinding({
          rule: 'leader_lost_in_window',
          category: 'leader',
          severity: 'warning',
          member: m.member,
          title: `${m.member} had no leader${share}; it has one now`,
          evidence: [evidenceOf(m, 'min', ctx, 1), evidenceOf(m, 'latest', ctx)],
          rootCause: `${m.member} lost its leader at least once (an election, a restart, or a partition); it has one again now.`,
          recommendation: REC.leader,
        }),
      );
    }
  }

  // Leader changes are a cluster event that every member counts: one finding, the highest count, every member as evidence.
  const changes = summariesOf(metrics, 'leader_changes').filter((m) => statOf(m, 'increase') !== null);
  if (changes.length) {
    const level = ctx.thresholds.leaderChanges;
    const worst = changes.reduce((a, b) => ((statOf(b, 'increase') ?? 0) > (statOf(a, 'increase') ?? 0) ? b : a));
    const count = Math.round(statOf(worst, 'increase') ?? 0);
    const severity: Severity | null = grade(count, level, 'leaderChanges');
    const startedInside = startedInsideWindow(metrics, ctx.window);
    // A start (or a whole-cluster restart) elects once, twice at most; more changes are churn even in a young cluster
    // (members restarted one after another also all look young).
    if (severity && startedInside && count <= 2) {
      out.push(
        buildFinding({
          rule: 'leader_changes_startup',
          category: 'leader',
          severity: 'info',
          member: 'cluster',
          title: `${count} leader change${count === 1 ? '' : 's'} from the cluster's own start-up or a whole-cluster restart: every member started inside the ${ctx.window ?? 'window'} (the oldest process started ${startedInside} ago)`,
          evidence: [
            ...changes.map((m) => evidenceOf(m, 'increase', ctx)),
            ...summariesOf(metrics, 'process_uptime_seconds').map((m) => evidenceOf(m, 'latest', ctx, undefined, 'process uptime at the window\'s end')),
          ],
          rootCause: 'A cluster elects its first leader when it starts: these elections are its start-up, not churn between running members.',
          recommendation: 'Nothing to do if the start-up or restart was planned; analyse a window after it to judge leader stability.',
        }),
      );
    } else if (severity) {
      out.push(
        buildFinding({
          rule: 'leader_changes',
          category: 'leader',
          severity,
          member: 'cluster',
          title: `${count} leader change${count === 1 ? '' : 's'} in ${ctx.window ?? 'the window'} (healthy: 0)${alertPhrase(severity, level, 'count', 'etcdHighNumberOfLeaderChanges, counted over 15 m')}`,
          evidence: changes.map((m) => evidenceOf(m, 'increase', ctx, severity === 'critical' ? level.critical : level.warning)),
          rootCause:
            'Elections happen when followers miss the leader\'s heartbeats: most often a slow disk on the leader (fsync), ' +
            'CPU starvation, or network latency/loss between members; also member restarts.',
          recommendation: REC.leader,
        }),
      );
    }
  }

  out.push(
    ...checkThreshold(metrics, ctx, {
      rule: 'heartbeat_failures',
      category: 'leader',
      metric: 'heartbeat_failures_rate',
      stat: 'avg',
      key: 'heartbeatFailuresPerSecond',
      label: 'Heartbeat send failures',
      alsoShow: ['max'],
      rootCause: (m) =>
        `${m.member}, as leader, failed to send heartbeats in time (${formatValue(statOf(m, 'avg'), m.unit)}): it is overloaded (disk, CPU) or the network to followers is slow.`,
      recommendation: REC.heartbeat,
    }),
  );
  return out;
};

/**
 * "4 m" when every member with an uptime started inside the window (a fresh cluster, or all members restarted), else
 * undefined. Needs the uptime of at least two members (one restarted member does not make a cluster start-up).
 */
function startedInsideWindow(metrics: readonly MetricSummary[], window: string | undefined): string | undefined {
  if (!window) return undefined;
  let secs: number;
  try {
    secs = parseDuration(window);
  } catch {
    return undefined;
  }
  const members = new Set(metrics.filter((m) => m.scope === 'member' && m.metric !== 'process_uptime_seconds').map((m) => m.member));
  const uptimes = summariesOf(metrics, 'process_uptime_seconds').map((m) => statOf(m, 'latest')).filter((v): v is number => v !== null && v >= 0);
  if (uptimes.length < 2 || uptimes.length < members.size || !uptimes.every((u) => u < secs)) return undefined;
  return formatValue(Math.max(...uptimes), 'seconds');
}
